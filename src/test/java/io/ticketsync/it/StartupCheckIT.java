package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.runtime.TicketSyncApp;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Missing topics or an unreachable cluster stop the start with a clear error instead of a silent stall. */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(180)
class StartupCheckIT {

    @Test
    void shouldExitWithStartupCheckCodeWhenDeadLetterTopicIsMissing(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "startup-it", state, Map.of());
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(config.topics().input(), 1, (short) 1),
                    new NewTopic(config.topics().output(), 1, (short) 1))).all().get();
        }

        assertThat(TicketSyncApp.of(config).run()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
    }

    @Test
    void shouldExitWithStartupCheckCodeWhenDeadLetterTopicAcceptsLessThanDlqMaxRecordBytes(final KafkaBroker broker,
                                                                                        @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "startup-limit-it", state, Map.of());
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(config.topics().input(), 1, (short) 1),
                    new NewTopic(config.topics().output(), 1, (short) 1),
                    new NewTopic(config.topics().control(), 1, (short) 1),
                    new NewTopic(config.topics().deadLetter(), 1, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100000")))).all().get();
        }

        assertThat(config.limits().dlqMaxRecordBytes()).isGreaterThan(100_000);
        // Bounded: without the check the app would start and run.
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            assertThat(app.awaitExit(Duration.ofSeconds(60))).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        }
    }

    @Test
    void shouldExitWithStartupCheckCodeWhenClusterIsUnreachable(@TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.with(Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "state.dir", state.toString(),
                ConfigKeys.STARTUP_TIMEOUT_MS, "2000"));

        final long started = System.nanoTime();
        assertThat(TicketSyncApp.of(config).run()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        // The whole check honours startup.timeout.ms, plus the documented small margin.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4500));
    }

    @Test
    void shouldExitWithStartupCheckCodeWhenBootstrapHostDoesNotResolve(@TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.with(Map.of(
                "bootstrap.servers", "no-such-broker.invalid:9092",
                "state.dir", state.toString(),
                ConfigKeys.STARTUP_TIMEOUT_MS, "1500"));

        assertThat(TicketSyncApp.of(config).run()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
    }
}
