package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.codec.JsonSerde;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.StoreValues;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
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

import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first start whose changelog already holds state ticket-sync did not write itself (a rollback
 * from a newer version, or damage): the state is restored from the changelog, and either read or,
 * if it cannot be decoded at all, the client shuts down at once instead of replacing threads.
 * Ticket T-1 lives in partition 0 of the input and of the changelog.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(180)
class StoreRollbackIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldRestoreChangelogValueFromNewerVersionAndApplyNextChangeOnTopOfIt(final KafkaBroker broker,
                                                                              @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "rollback-newer-it", state, Map.of());
        prepare(broker, config, StoreValues.fromNewerVersion(StoreValues.stateOf("T-1", 3)),
                patch("T-1", 4).status("in_progress"));

        try (RunningApp running = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final List<ConsumerRecord<byte[], byte[]>> output =
                    broker.readCommittedUntil(config.topics().output(), records -> !records.isEmpty(), WAIT);

            final SyncedTicket ticket = new JsonSerde<>(SyncedTicket.class).decode(output.get(0).value());
            assertThat(ticket.version()).isEqualTo(4);
            assertThat(ticket.state()).isEqualTo("IN_PROGRESS");
            assertThat(ticket.title()).as("from the restored state").isEqualTo("Printer on fire");
            assertThat(ticket.assignee()).isEqualTo("alice");
            assertThat(broker.readAllCommitted(config.topics().deadLetter())).isEmpty();
            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void shouldShutDownAtOnceWithoutDeadLetterWhenChangelogValueCannotBeDecoded(final KafkaBroker broker,
                                                                              @TempDir final Path state)
            throws Exception {
        // A budget that would keep a recoverable failure replacing threads far beyond the wait below.
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "rollback-undecodable-it", state,
                Map.of(ConfigKeys.UNCAUGHT_REPLACE_MAX, "100"));
        prepare(broker, config, StoreValues.undecodable(), patch("T-1", 4).status("in_progress"));

        try (RunningApp running = RunningApp.start(config, TicketSyncTopology.build(config))) {
            assertThat(running.awaitExit(Duration.ofSeconds(60))).isEqualTo(ExitCodes.STREAMS_FAILED);
            assertThat(broker.readAllCommitted(config.topics().deadLetter())).as("the record is not at fault").isEmpty();
            assertThat(broker.readAllCommitted(config.topics().output())).isEmpty();
        }
    }

    /** Topics, the changelog holding {@code storedValue} for T-1 (created as Kafka Streams would), and the change. */
    private static void prepare(final KafkaBroker broker, final TicketSyncConfig config, final byte[] storedValue,
                                final TicketChangeBuilder change) throws Exception {
        broker.createTopics(config.topics());
        final String changelog = config.applicationId() + "-" + TicketSyncTopology.STORE + "-changelog";
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(changelog, TopicLayout.INPUT_PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        }
        final byte[] key = "T-1".getBytes(StandardCharsets.UTF_8);
        broker.produce(changelog, List.of(new ProducerRecord<>("unused", 0, key, storedValue)));
        broker.produce(config.topics().input(), List.of(new ProducerRecord<>("unused", 0, key, change.bytes())));
    }
}
