package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.metrics.MetricNames;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.guard.HealthReport;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.FaultyTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure that keeps coming back spends the replacement budget: the client is shut down, the
 * process-exit code is non-zero, health is DOWN, and the input offset of the failing record was
 * never committed (nothing stranded: the next owner re-fetches it).
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(180)
class ReplacementBudgetSpentIT {

    @Test
    void shouldShutDownClientAndExitNonZeroWhenBudgetIsSpent(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "budget-it", state,
                Map.of(ConfigKeys.UNCAUGHT_REPLACE_MAX, "2"));
        broker.createTopics(config.topics());
        broker.produce(config.topics().input(), Workloads.versions(5, 3));
        final AtomicInteger attempts = new AtomicInteger();
        final var topology = FaultyTopology.failingOn(config,
                change -> change.ticketId().equals("T-3") && change.version() == 2,
                () -> {
                    attempts.incrementAndGet();
                    // Not a broker fault (a TimeoutException would be): charged to uncaught.replace.max.
                    return new KafkaException("injected: this failure never passes");
                });

        final RunningApp running = RunningApp.start(config, topology);
        running.port();

        assertThat(running.awaitExit(Duration.ofSeconds(120))).isEqualTo(ExitCodes.STREAMS_FAILED);
        assertThat(attempts.get()).as("first failure plus one per replacement").isEqualTo(3);
        final HealthReport live = running.app().health().liveness();
        assertThat(live.up()).isFalse();
        assertThat(String.join(" ", live.reasons())).contains("budget spent");
        assertThat(running.app().metrics().registry().get(MetricNames.UNCAUGHT_DECISIONS)
                .tag("decision", "SHUTDOWN_CLIENT").tag("cause", "budget-spent").counter().count()).isEqualTo(1.0);
        final ConsumerRecord<byte[], byte[]> failing = broker.readAllCommitted(config.topics().input()).stream()
                .filter(record -> key(record).equals("T-3") && new String(record.value(), StandardCharsets.UTF_8)
                        .contains("\"version\":2")).findFirst().orElseThrow();
        assertThat(broker.readAllCommitted(config.topics().output()).stream()
                .filter(record -> key(record).equals("T-3")))
                .as("no output of T-3 version 2 was ever committed")
                .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains("\"version\":2"));
        try (Admin admin = broker.admin()) {
            final OffsetAndMetadata committed = admin.listConsumerGroupOffsets(config.applicationId())
                    .partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(config.topics().input(), failing.partition()));
            assertThat(committed == null ? 0 : committed.offset())
                    .as("the input offset never moved past the failing record: the next owner re-fetches it")
                    .isLessThanOrEqualTo(failing.offset());
        }
    }

    private static String key(final ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
