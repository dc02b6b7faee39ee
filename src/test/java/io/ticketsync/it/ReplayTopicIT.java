package io.ticketsync.it;

import io.ticketsync.cli.Main;
import io.ticketsync.cluster.AclPlan;
import io.ticketsync.cluster.StartupCheckException;
import io.ticketsync.cluster.TopicCheck;
import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.ReplayHalt;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.guard.HealthReport;
import io.ticketsync.metrics.MetricNames;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replay topic on a real broker: {@code dlq replay} sends letters there, at their source
 * partitions, the application reads them beside the input, and the input's other consumer groups
 * never see a replayed record; a replay whose records fail again is halted with the reason while
 * the live stream keeps running; and {@code run} refuses a replay topic partitioned unlike the input.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class ReplayTopicIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TICKETS = 12;

    @Test
    void shouldReplayIntoTheReplayTopicSoNoOtherConsumerOfTheInputSeesARecordTwice(final KafkaBroker broker,
                                                                                 @TempDir final Path state) throws Exception {
        final TicketSyncConfig deployed = TestConfigs.forBroker(broker, "replay-topic-it", state, Map.of());
        broker.createTopics(deployed.topics());
        final List<ProducerRecord<byte[], byte[]>> produced = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            // Spread over every partition, each ticket on its own: a replay must bring each back to its partition.
            produced.add(new ProducerRecord<>("t", i % 6, utf8("T-" + i),
                    TicketChangeBuilder.upsert("T-" + i, 1).status("escalated").bytes()));
        }
        broker.produce(deployed.topics().input(), produced);
        try (RunningApp app = RunningApp.start(deployed, TicketSyncTopology.build(deployed))) {
            broker.readCommittedUntil(deployed.topics().deadLetter(), letters -> letters.size() == TICKETS, WAIT);
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }

        final TicketSyncConfig fixed = TestConfigs.forBroker(broker, "replay-topic-it", state,
                Map.of("mapping.status.escalated", "ESCALATED"));
        try (RunningApp app = RunningApp.start(fixed, TicketSyncTopology.build(fixed))) {
            final Cli replay = Cli.run(fixed, "--reason", "unmapped-status");
            assertThat(replay.exit()).as(replay.err()).isEqualTo(ExitCodes.OK);
            assertThat(replay.out()).contains("sent: " + TICKETS);
            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(fixed.topics().output(),
                    records -> records.size() == TICKETS, WAIT);
            assertThat(output).allSatisfy(record -> assertThat(utf8(record.value())).contains("\"state\":\"ESCALATED\""));
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }

        final Map<String, Integer> sourcePartitions = broker.readAllCommitted(fixed.topics().deadLetter()).stream()
                .map(DeadLetter::of).collect(Collectors.toMap(DeadLetter::keyText, DeadLetter::sourcePartition));
        final List<ConsumerRecord<byte[], byte[]>> replayed = broker.readAllCommitted(fixed.topics().replay());
        assertThat(replayed).hasSize(TICKETS).allSatisfy(record ->
                assertThat(record.partition()).as(utf8(record.key())).isEqualTo(sourcePartitions.get(utf8(record.key()))));

        final List<ConsumerRecord<byte[], byte[]>> seenByAnotherGroup = readAsAnotherGroup(broker, fixed.topics().input());
        assertThat(seenByAnotherGroup).extracting(record -> utf8(record.key()) + "@" + record.partition() + "=" + utf8(record.value()))
                .containsExactlyInAnyOrderElementsOf(produced.stream()
                        .map(record -> utf8(record.key()) + "@" + record.partition() + "=" + utf8(record.value())).toList());
        assertThat(seenByAnotherGroup).noneMatch(record -> record.headers().lastHeader(DeadLetter.REPLAY_COUNT_HEADER) != null);
    }

    @Test
    void shouldHaltAReplayWhoseRecordsFailAgainWhileTheLiveStreamKeepsRunning(final KafkaBroker broker,
                                                                             @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "replay-halt-it", state, Map.of(
                ConfigKeys.DLQ_SURGE_WINDOW_RECORDS, "100", ConfigKeys.DLQ_SURGE_MIN_RECORDS, "20"));
        broker.createTopics(config.topics());
        // Under the 10,000 from which the CLI shows its progress on stderr.
        final int letters = 9_000;
        // Nothing maps "escalated": every replayed record is dead-lettered again.
        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(0, letters, config));
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            Await.until("the instance ready", () -> app.app().health() == null ? null : app.app().health().readiness(),
                    report -> report != null && report.up(), WAIT, Duration.ofMillis(200));

            // Small transactions, committed (and the halt looked for) after every poll of the dead-letter topic.
            final Cli replay = Cli.run(config, "--reason", "unmapped-status", "--batch-size", "1");

            assertThat(replay.exit()).as(replay.out()).isEqualTo(ExitCodes.FAILURE);
            assertThat(replay.err().strip()).matches("ticket-sync: stopped: \\d+ of the last \\d+ replayed records were"
                    + " dead-lettered again, mostly unmapped-status; \\d+ letter\\(s\\) already sent and recorded as REPLAYED");
            assertThat(replay.err().lines().count()).isEqualTo(1);
            assertThat(broker.readAllCommitted(config.topics().replay()).size()).as("stopped before the end").isLessThan(letters);
            final List<ConsumerRecord<byte[], byte[]>> halts = broker.readAllCommitted(config.topics().control()).stream()
                    .filter(record -> ReplayHalt.key(config.topics().deadLetter()).equals(utf8(record.key()))).toList();
            assertThat(halts).isNotEmpty().allSatisfy(record -> assertThat(ReplayHalt.fromJson(record.value())).isPresent());
            assertThat(app.app().metrics().registry().find(MetricNames.REPLAY_HALTS).counter().count()).isGreaterThanOrEqualTo(1);

            // The live stream was never paused: still live, ready, and applying new input.
            assertThat(app.app().health().liveness().up()).isTrue();
            assertThat(app.app().health().readiness()).extracting(HealthReport::up).isEqualTo(true);
            broker.produce(config.topics().input(), List.of(new ProducerRecord<>("t", utf8("LIVE-1"),
                    TicketChangeBuilder.upsert("LIVE-1", 1).bytes())));
            broker.readCommittedUntil(config.topics().output(),
                    records -> records.stream().anyMatch(record -> "LIVE-1".equals(utf8(record.key()))), WAIT);
            assertThat(app.app().metrics().registry().find(MetricNames.SURGE_TRIPS).counters().stream()
                    .mapToDouble(counter -> counter.count()).sum()).as("the live brake never tripped").isZero();
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void shouldRefuseToRunWhenTheReplayTopicIsPartitionedUnlikeTheInput(final KafkaBroker broker,
                                                                       @TempDir final Path state) throws Exception {
        final TicketSyncConfig layout = TestConfigs.forBroker(broker, "replay-partitions-it", state, Map.of());
        broker.createTopics(layout.topics());
        final String narrow = "replay-partitions-it.replay3";
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(narrow, 3, (short) 1))).all().get();
        }
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "replay-partitions-it", state,
                Map.of(ConfigKeys.REPLAY_TOPIC, narrow));

        assertThatThrownBy(() -> new TopicCheck(config, AclPlan.RUN).verify()).isInstanceOf(StartupCheckException.class)
                .hasMessageContaining("the replay topic '" + narrow + "' (replay.topic) has 3 partitions, the input topic '"
                        + config.topics().input() + "' has 6");
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            assertThat(app.awaitExit(WAIT)).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        }
    }

    /** What a second consumer group of the input reads from the beginning to the end. */
    private static List<ConsumerRecord<byte[], byte[]>> readAsAnotherGroup(final KafkaBroker broker, final String topic)
            throws InterruptedException {
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "another-consumer-of-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            final Set<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toSet());
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Await.until("the other group read " + topic + " to its end (records read)", () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size();
            }, count -> !consumer.assignment().isEmpty()
                    && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue()), WAIT, Duration.ZERO);
        }
        return records;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(final byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code ticket-sync dlq replay ...} through the CLI's entry point, as an operator runs it. */
    private record Cli(int exit, String out, String err) {
        static Cli run(final TicketSyncConfig config, final String... extra) {
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                    DeadLetterRecords.cli(config, List.of("dlq", "replay"), extra));
            return new Cli(exit, out.toString(), err.toString());
        }
    }
}
