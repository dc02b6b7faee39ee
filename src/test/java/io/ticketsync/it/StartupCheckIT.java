package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.runtime.TicketSyncApp;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import io.ticketsync.cluster.AclPlan;
import io.ticketsync.cluster.StartupCheckException;
import io.ticketsync.cluster.TopicCheck;
import io.ticketsync.topology.TimestampWindow;
import io.ticketsync.topology.WriteBounds;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void shouldExitWithStartupCheckCodeNamingTheNumbersWhenOutputTopicAcceptsLessThanOutputMaxRecordBytes(
            final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "startup-output-limit-it", state, Map.of());
        broker.createTopics(config.topics());
        try (Admin admin = broker.admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, config.topics().output()),
                    List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100000"),
                            AlterConfigOp.OpType.SET)))).all().get();
            // The controller has it; the broker that answers describeConfigs learns it a moment later.
            final ConfigResource output = new ConfigResource(ConfigResource.Type.TOPIC, config.topics().output());
            Await.until("the broker reports the output topic's new max.message.bytes", () -> admin.describeConfigs(
                            List.of(output)).all().get().get(output).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value(),
                    "100000"::equals, Duration.ofSeconds(30));
        }

        assertThatThrownBy(() -> new TopicCheck(config, AclPlan.RUN).verify())
                .isInstanceOf(StartupCheckException.class)
                .hasMessageContaining("'output.max.record.bytes' is 1000000 but max.message.bytes of output topic '"
                        + config.topics().output() + "' = 100000")
                .hasMessageContaining("the producer's max.request.size (Kafka's default) = 1048576");
        assertThat(TicketSyncApp.of(config).run()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
    }

    @Test
    void shouldExitWithStartupCheckCodeWhenTheChangelogWillBeCreatedAcceptingLessThanOutputMaxRecordBytes(
            final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "startup-changelog-limit-it", state,
                Map.of("topic." + TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "500000"));
        broker.createTopics(config.topics());

        assertThatThrownBy(() -> new TopicCheck(config, AclPlan.RUN).verify())
                .isInstanceOf(StartupCheckException.class)
                .hasMessageContaining("'output.max.record.bytes' is 1000000 but max.message.bytes of changelog topic "
                        + "'startup-changelog-limit-it-ticket-snapshots-changelog' (not created yet: 'topic.max.message.bytes')"
                        + " = 500000");
        assertThat(TicketSyncApp.of(config).run()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
    }

    @Test
    void shouldPassAndReturnTheBoundsReadWhenTheLimitsAgree(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "startup-bounds-it", state, Map.of(
                ConfigKeys.OUTPUT_MAX_RECORD_BYTES, "400000",
                "topic." + TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, "60000"));
        broker.createTopics(config.topics());

        final WriteBounds bounds = new TopicCheck(config, AclPlan.RUN).verify();

        assertThat(bounds.outputMaxRecordBytes()).isEqualTo(400_000);
        assertThat(bounds.timestamps()).as("the changelog's, as it will be created, narrows the window")
                .isEqualTo(new TimestampWindow(60_000L, 3_600_000L));
    }

    @Test
    void shouldExitWithStartupCheckCodeNamingTheTopicWhenItHasFewerReplicasThanRequired(final KafkaBroker broker,
                                                                                     @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "startup-replication-it", state,
                Map.of(ConfigKeys.TOPICS_MIN_REPLICATION, "2"));
        broker.createTopics(config.topics());

        assertThatThrownBy(() -> new TopicCheck(config, AclPlan.RUN).verify())
                .isInstanceOf(StartupCheckException.class)
                .hasMessageContaining("topic '" + config.topics().input() + "' has 1 replica, fewer than topics.min.replication=2")
                .hasMessageContaining("topic '" + config.topics().deadLetter() + "' has 1 replica")
                .hasMessageContaining("topic 'startup-replication-it-ticket-snapshots-changelog' will be created with 1 replica");
        assertThat(TicketSyncApp.of(config).run()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
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
