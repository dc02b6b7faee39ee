package io.ticketsync.it;

import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.config.ConfigKeys;
import io.ticketsync.cli.Main;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.InvalidReplayTargetException;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.DeadLetterRecords;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.ticketsync.testing.TestActors.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code dlq replay} never skips a dead letter, never misroutes a ticket, never writes where it does not belong. */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(180)
class DlqReplaySafetyIT {

    private static final DeadLetterFilter UNMAPPED = new DeadLetterFilter(null, "unmapped-status", null, null, null,
            null, null, null);

    @Test
    void shouldLeaveDeadLettersThatArriveDuringAReplayForTheNextRun(final KafkaBroker broker,
                                                                   @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "replay-arrivals-it", state, Map.of());
        broker.createTopics(config.topics());
        broker.produce(config.topics().deadLetter(), letters(0, 5, config));
        final AtomicBoolean arrived = new AtomicBoolean();

        // The app is still dead-lettering: three letters arrive after the scan fixed its end.
        final var first = new DlqReplayer(config, AuditLog.logger()).replay(ReplayRequest.of(UNMAPPED, config.topics().replay(), 3, false, 100, OPERATOR), OPERATOR, (read, total) -> {
            if (arrived.compareAndSet(false, true)) {
                try {
                    broker.produce(config.topics().deadLetter(), letters(5, 3, config));
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        final var second = new DlqReplayer(config, AuditLog.logger()).replay(ReplayRequest.of(UNMAPPED, config.topics().replay(), 3, false, 100, OPERATOR), OPERATOR, (r, t) -> { });

        assertThat(first.sent()).isEqualTo(5);
        assertThat(second.sent()).as("the letters that arrived during the first run").isEqualTo(3);
        assertThat(broker.readAllCommitted(config.topics().replay()).stream().map(DlqReplaySafetyIT::key))
                .containsExactlyInAnyOrder("T-0", "T-1", "T-2", "T-3", "T-4", "T-5", "T-6", "T-7");
    }

    @Test
    void shouldReplayIntoTheSourcePartitionWhateverPartitionerTheSourceUsed(final KafkaBroker broker,
                                                                           @TempDir final Path state) throws Exception {
        final TicketSyncConfig deployed = TestConfigs.forBroker(broker, "replay-partition-it", state, Map.of());
        broker.createTopics(deployed.topics());
        final String ticket = "T-PARTITIONED";
        final byte[] key = ticket.getBytes(StandardCharsets.UTF_8);
        final int javaPartition = Utils.toPositive(Utils.murmur2(key)) % 6;
        // A librdkafka or sarama producer hashes differently: the ticket lives on another partition.
        final int sourcePartition = (javaPartition + 1) % 6;
        broker.produce(deployed.topics().input(), List.of(
                new ProducerRecord<>("t", sourcePartition, key, TicketChangeBuilder.upsert(ticket, 1).bytes()),
                new ProducerRecord<>("t", sourcePartition, key, TicketChangeBuilder.upsert(ticket, 2).status("escalated").bytes()),
                new ProducerRecord<>("t", sourcePartition, key, TicketChangeBuilder.patch(ticket, 3).assignee("carol").bytes())));
        try (RunningApp app = RunningApp.start(deployed, TicketSyncTopology.build(deployed))) {
            broker.readCommittedUntil(deployed.topics().output(), records -> records.size() == 2, Duration.ofSeconds(60));
            broker.readCommittedUntil(deployed.topics().deadLetter(), records -> records.size() == 1, Duration.ofSeconds(60));
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }

        final TicketSyncConfig fixed = TestConfigs.forBroker(broker, "replay-partition-it", state,
                Map.of("mapping.status.escalated", "ESCALATED"));
        try (RunningApp app = RunningApp.start(fixed, TicketSyncTopology.build(fixed))) {
            assertThat(new DlqReplayer(fixed, AuditLog.logger()).replay(ReplayRequest.of(UNMAPPED, fixed.topics().replay(), 3, false, 100, OPERATOR), OPERATOR, (r, t) -> { }).sent())
                    .isEqualTo(1);
            awaitAllInputCommitted(broker, fixed);
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }

        final List<ConsumerRecord<byte[], byte[]>> replayed = broker.readAllCommitted(fixed.topics().replay()).stream()
                .filter(record -> record.headers().lastHeader(DeadLetter.REPLAY_COUNT_HEADER) != null).toList();
        assertThat(replayed).singleElement().extracting(ConsumerRecord::partition).isEqualTo(sourcePartition);
        // Version 2 is older than the applied version 3: skipped as stale, the newer snapshot stays.
        final List<ConsumerRecord<byte[], byte[]>> output = broker.readAllCommitted(fixed.topics().output());
        assertThat(output).hasSize(2);
        assertThat(new String(output.get(1).value(), StandardCharsets.UTF_8)).contains("\"version\":3").contains("carol");
    }

    @Test
    void shouldRefuseToReplayIntoTheOutputOrDeadLetterTopicAndElsewhereUnlessForced(final KafkaBroker broker,
                                                                                  @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "replay-target-it", state, Map.of());
        broker.createTopics(config.topics());
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("replay-target-it.staging", 1, (short) 1))).all().get();
        }
        broker.produce(config.topics().deadLetter(), letters(0, 2, config));
        final DlqReplayer replayer = new DlqReplayer(config, AuditLog.logger());

        assertThatThrownBy(() -> replayer.replay(new ReplayRequest(UNMAPPED, config.topics().output(), 3, false, 100, true, false, false, "test"), OPERATOR, (r, t) -> { }))
                .isInstanceOf(InvalidReplayTargetException.class).hasMessageContaining("output topic");
        assertThatThrownBy(() -> replayer.replay(new ReplayRequest(UNMAPPED, config.topics().deadLetter(), 3, false, 100, true, false, false, "test"), OPERATOR, (r, t) -> { }))
                .isInstanceOf(InvalidReplayTargetException.class).hasMessageContaining("dead-letter topic");
        assertThat(Main.run(cli(config, "--to", "replay-target-it.staging"))).isEqualTo(ExitCodes.USAGE);
        // The input itself too: every other consumer group of it would receive the letters again.
        assertThat(Main.run(cli(config, "--to", config.topics().input()))).isEqualTo(ExitCodes.USAGE);
        assertThat(broker.readAllCommitted(config.topics().input())).isEmpty();
        assertThat(Main.run(cli(config, "--to", config.topics().output(), "--force"))).isEqualTo(ExitCodes.USAGE);
        assertThat(broker.readAllCommitted(config.topics().output())).isEmpty();
        assertThat(broker.readAllCommitted(config.topics().deadLetter())).hasSize(2);

        assertThat(Main.run(cli(config, "--to", "replay-target-it.staging", "--force"))).isEqualTo(ExitCodes.OK);
        assertThat(broker.readAllCommitted("replay-target-it.staging")).hasSize(2);
    }

    @Test
    void shouldNotReplayALetterThatWasCutDownToFitTheDeadLetterTopic(final KafkaBroker broker,
                                                                  @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "replay-incomplete-it", state, Map.of());
        broker.createTopics(config.topics());
        final List<ProducerRecord<byte[], byte[]>> letters = letters(0, 2, config);
        final ProducerRecord<byte[], byte[]> full = letters.get(1);
        final ProducerRecord<byte[], byte[]> cutDown = new ProducerRecord<>("t", null, full.timestamp(), full.key(), null,
                full.headers());
        header(cutDown, DeadLetterHeaders.OMITTED, "stacktrace,message,value");
        broker.produce(config.topics().deadLetter(), List.of(letters.get(0), cutDown));

        final var report = new DlqReplayer(config, AuditLog.logger()).replay(ReplayRequest.of(UNMAPPED, config.topics().replay(), 3, false, 100, OPERATOR), OPERATOR, (r, t) -> { });

        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.incomplete()).isEqualTo(1);
        assertThat(report.toText()).contains("cut down to fit the DLQ");
        assertThat(broker.readAllCommitted(config.topics().replay())).extracting(DlqReplaySafetyIT::key).containsExactly("T-0");
    }

    private static List<ProducerRecord<byte[], byte[]>> letters(final int from, final int count, final TicketSyncConfig config) {
        return DeadLetterRecords.unmapped(from, count, config);
    }

    private static void header(final ProducerRecord<byte[], byte[]> record, final String name, final String value) {
        DeadLetterRecords.header(record, name, value);
    }

    private static String[] cli(final TicketSyncConfig config, final String... extra) {
        return DeadLetterRecords.cli(config, List.of("dlq", "replay", "--reason", "unmapped-status"), extra);
    }

    /** Waits until the application's group has committed every input and replay partition to its end. */
    private static void awaitAllInputCommitted(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        try (Admin admin = broker.admin()) {
            Await.until("input partitions not yet committed to their end (none left)",
                    () -> uncommittedPartitions(admin, config), List::isEmpty, Duration.ofSeconds(60), Duration.ofMillis(200));
        }
    }

    private static List<TopicPartition> uncommittedPartitions(final Admin admin, final TicketSyncConfig config) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < 6; p++) {
            latest.put(new TopicPartition(config.topics().input(), p), OffsetSpec.latest());
            latest.put(new TopicPartition(config.topics().replay(), p), OffsetSpec.latest());
        }
        final Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        final var committed = admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream()
                .filter(end -> end.getValue() > 0 && (committed.get(end.getKey()) == null
                        || committed.get(end.getKey()).offset() < end.getValue()))
                .map(Map.Entry::getKey).sorted(java.util.Comparator.comparing(TopicPartition::toString)).toList();
    }

    private static String key(final ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
