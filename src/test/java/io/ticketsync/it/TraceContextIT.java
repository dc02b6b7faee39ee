package io.ticketsync.it;

import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.testing.TestActors;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DlqInspector;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.InspectionReport;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A W3C traceparent on an input record reaches its output, its dead letter, the replay and the replay's output. */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(180)
class TraceContextIT {

    private static final String APPLIED_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String FAILED_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void shouldCarryTraceContextThroughOutputDeadLetterAndReplay(final KafkaBroker broker,
                                                               @TempDir final Path state) throws Exception {
        final TicketSyncConfig deployed = TestConfigs.forBroker(broker, "trace-it", state, Map.of());
        broker.createTopics(deployed.topics());
        broker.produce(deployed.topics().input(), List.of(
                traced("T-1", TicketChangeBuilder.upsert("T-1", 1), APPLIED_TRACE),
                traced("T-2", TicketChangeBuilder.upsert("T-2", 1).status("escalated"), FAILED_TRACE)));

        try (RunningApp app = RunningApp.start(deployed, TicketSyncTopology.build(deployed))) {
            final var output = broker.readCommittedUntil(deployed.topics().output(), r -> r.size() == 1, Duration.ofSeconds(60));
            final var deadLetters = broker.readCommittedUntil(deployed.topics().deadLetter(), r -> r.size() == 1,
                    Duration.ofSeconds(60));
            assertThat(traceOf(output.get(0))).isEqualTo(APPLIED_TRACE);
            assertThat(traceOf(deadLetters.get(0))).isEqualTo(FAILED_TRACE);
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
        final InspectionReport report = new DlqInspector(deployed).inspect(DeadLetterFilter.ALL, 3, (r, t) -> { });
        assertThat(report.groups()).singleElement().satisfies(group ->
                assertThat(group.samples()).singleElement().extracting(InspectionReport.Sample::traceparent)
                        .isEqualTo(FAILED_TRACE));
        assertThat(report.toText()).contains("trace: " + FAILED_TRACE);

        final TicketSyncConfig fixed = TestConfigs.forBroker(broker, "trace-it", state,
                Map.of("mapping.status.escalated", "ESCALATED"));
        try (RunningApp app = RunningApp.start(fixed, TicketSyncTopology.build(fixed))) {
            assertThat(new DlqReplayer(fixed, AuditLog.logger()).replay(ReplayRequest.of(DeadLetterFilter.ALL, fixed.topics().replay(), 3, false, 100,
                    TestActors.OPERATOR), TestActors.OPERATOR, (r, t) -> { }).sent()).isEqualTo(1);
            final var output = broker.readCommittedUntil(fixed.topics().output(), r -> r.size() == 2, Duration.ofSeconds(60));
            assertThat(output).extracting(TraceContextIT::traceOf).containsExactlyInAnyOrder(APPLIED_TRACE, FAILED_TRACE);
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
        final ConsumerRecord<byte[], byte[]> replayed = broker.readAllCommitted(fixed.topics().replay()).stream()
                .filter(record -> record.headers().lastHeader(DeadLetter.REPLAY_COUNT_HEADER) != null)
                .findFirst().orElseThrow();
        assertThat(traceOf(replayed)).isEqualTo(FAILED_TRACE);
    }

    private static ProducerRecord<byte[], byte[]> traced(final String key, final TicketChangeBuilder change,
                                                         final String traceparent) {
        final ProducerRecord<byte[], byte[]> record = Workloads.record(key, change.bytes());
        record.headers().add(DeadLetterHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String traceOf(final ConsumerRecord<byte[], byte[]> record) {
        final Header header = record.headers().lastHeader(DeadLetterHeaders.TRACEPARENT);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
