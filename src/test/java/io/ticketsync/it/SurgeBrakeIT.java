package io.ticketsync.it;

import io.ticketsync.metrics.MetricNames;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad deploy (a status mapping missing) meets real traffic: the brake stops the instance with
 * exit 8 instead of diverting the stream into the DLQ; after the fix, a restart and a replay,
 * every input is in the output exactly once.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class SurgeBrakeIT {

    private static final int GOOD = 50;
    private static final int BAD_DEPLOY = 1950;

    @Test
    void shouldStopOnASurgeAndLoseNothingThroughFixRestartAndReplay(final KafkaBroker broker,
                                                                    @TempDir final Path state) throws Exception {
        // Defaults for the brake: window 1000, at least 100 records, 50% for one reason.
        final TicketSyncConfig deployed = TestConfigs.forBroker(broker, "surge-it", state, Map.of());
        broker.createTopics(deployed.topics());
        broker.produce(deployed.topics().input(), workload());

        try (RunningApp app = RunningApp.start(deployed, TicketSyncTopology.build(deployed))) {
            assertThat(app.awaitExit(Duration.ofSeconds(120))).isEqualTo(ExitCodes.DEAD_LETTER_SURGE);
            assertThat(app.app().metrics().registry().find(MetricNames.SURGE_TRIPS)
                    .tag("reason", "unmapped-status").counter().count()).isEqualTo(1.0);
        }
        final int applied = broker.readAllCommitted(deployed.topics().output()).size();
        final int deadLettered = broker.readAllCommitted(deployed.topics().deadLetter()).size();
        // Everything before the brake is in the output or the DLQ, everything after still waits.
        assertThat(applied + deadLettered).isEqualTo(committedInputOffsets(broker, deployed));
        assertThat(deadLettered).isPositive().isLessThan(BAD_DEPLOY);

        final TicketSyncConfig fixed = TestConfigs.forBroker(broker, "surge-it", state,
                Map.of("mapping.status.escalated", "ESCALATED"));
        try (RunningApp app = RunningApp.start(fixed, TicketSyncTopology.build(fixed))) {
            broker.readCommittedUntil(fixed.topics().output(),
                    records -> records.size() + deadLettered == GOOD + BAD_DEPLOY, Duration.ofSeconds(120));
            assertThat(new DlqReplayer(fixed).replay(ReplayRequest.of(new DeadLetterFilter(null, "unmapped-status", null, null, null, null,
                    null, null), fixed.topics().input(), 3, false, 500), (read, total) -> { }).sent()).isEqualTo(deadLettered);
            broker.readCommittedUntil(fixed.topics().output(), records -> records.size() == GOOD + BAD_DEPLOY,
                    Duration.ofSeconds(120));
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
        final Map<String, Long> outputsPerTicket = broker.readAllCommitted(fixed.topics().output()).stream()
                .collect(Collectors.groupingBy(SurgeBrakeIT::key, Collectors.counting()));
        assertThat(outputsPerTicket).hasSize(GOOD + BAD_DEPLOY).allSatisfy((ticket, count) -> assertThat(count).isOne());
        assertThat(broker.readAllCommitted(fixed.topics().deadLetter())).hasSize(deadLettered);
    }

    /** Normal traffic, then every change carries a status the deployed mapping lacks. */
    private static List<ProducerRecord<byte[], byte[]>> workload() {
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < GOOD + BAD_DEPLOY; i++) {
            final String id = "T-" + i;
            final TicketChangeBuilder change = TicketChangeBuilder.upsert(id, 1);
            records.add(Workloads.record(id, (i < GOOD ? change : change.status("escalated")).bytes()));
        }
        return records;
    }

    private static long committedInputOffsets(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        try (Admin admin = broker.admin()) {
            return admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get()
                    .entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(config.topics().input()))
                    .map(Map.Entry::getValue)
                    .mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static String key(final ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
