package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.metrics.MetricNames;
import io.ticketsync.codec.RecordSizes;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.metrics.SyncSummary;
import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.LibrdkafkaProducer;
import io.ticketsync.testing.LibrdkafkaProducer.Delivered;
import io.ticketsync.testing.LibrdkafkaProducer.RawRecord;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.ticketsync.testing.Headers.text;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records whose metadata, not payload, is hostile, on a real broker: negative timestamps as
 * librdkafka and sarama producers write them (the Java producer refuses to), and a bad record so
 * large that its dead letter exceeds what the dead-letter topic accepts. None may stop a partition;
 * every input still ends in the output, the dead-letter topic or the stale count.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(180)
class PoisonPillIT {

    /** Small, so the oversized case stays quick; the dead-letter topic is created to match. */
    private static final int DLQ_MAX_BYTES = 200_000;

    @BeforeAll
    static void requireLibrdkafka() {
        assertThat(LibrdkafkaProducer.available())
                .as("/usr/bin/python3 with confluent_kafka (run scripts/install-test-packages as root)")
                .isTrue();
    }

    @Test
    void shouldProcessNegativeTimestampsAndDegradeOversizedDeadLettersWithoutStoppingAnyPartition(
            final KafkaBroker broker, @TempDir final Path stateDir) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "poison-pill-it", stateDir,
                Map.of(ConfigKeys.DLQ_MAX_RECORD_BYTES, String.valueOf(DLQ_MAX_BYTES)));
        createTopicsWithSmallDeadLetterTopic(broker, config);
        final String input = config.topics().input();
        final Instant before = Instant.now();

        // Partition 0 and 1 begin with a negative timestamp: no partition time to fall back on yet.
        final List<Delivered> negative = LibrdkafkaProducer.produce(broker.bootstrapServers(), List.of(
                RawRecord.of(input, 0, -1, "T-NEG-1", upsert("T-NEG-1", 1).json()),
                RawRecord.of(input, 0, -12_345, "T-NEG-2", upsert("T-NEG-2", 1).json()),
                RawRecord.of(input, 0, -1, "T-NEG-1", upsert("T-NEG-1", 1).json()),
                RawRecord.of(input, 1, -1, "T-BAD-TS", "{not json")));
        assertThat(negative).extracting(Delivered::timestamp).as("the broker keeps what librdkafka sent")
                .containsExactly(-1L, -12_345L, -1L, -1L);
        // Close to 1 MB plus 20 KB of headers: its dead letter is far over the dead-letter topic's limit.
        final RecordHeaders bulkyHeaders = new RecordHeaders();
        bulkyHeaders.add("trace", "t".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        bulkyHeaders.add("baggage", "b".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        broker.produce(input, List.of(
                new ProducerRecord<>(input, 2, null, utf8("T-BIG"), utf8("{not json" + "x".repeat(990_000)), bulkyHeaders),
                new ProducerRecord<>(input, 2, null, utf8("T-AFTER"), upsert("T-AFTER", 1).bytes())));

        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(config.topics().output(),
                    records -> records.size() >= 3, Duration.ofSeconds(90));
            final List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readCommittedUntil(
                    config.topics().deadLetter(), records -> records.size() >= 2, Duration.ofSeconds(30));
            // Kafka Streams' metrics reach the summary per task and lag a refresh: wait for all of them.
            final SyncSummary summary = Await.until("three applied and one stale record counted",
                    () -> app.app().metrics().summary(), counts -> counts.skippedStale() == 1 && counts.applied() >= 3,
                    Duration.ofSeconds(30));

            // (a) the negative-timestamp changes were applied, with valid timestamps, and the app kept running.
            final Map<String, Long> outputTimestamps = output.stream()
                    .collect(Collectors.toMap(record -> string(record.key()), ConsumerRecord::timestamp));
            assertThat(outputTimestamps).containsOnlyKeys("T-NEG-1", "T-NEG-2", "T-AFTER");
            assertThat(outputTimestamps.get("T-NEG-1")).as("wall-clock fallback")
                    .isGreaterThanOrEqualTo(before.toEpochMilli());
            assertThat(outputTimestamps.get("T-NEG-2")).as("partition-time fallback")
                    .isEqualTo(outputTimestamps.get("T-NEG-1"));
            app.http().awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(30));
            assertThat(app.hasExited()).isFalse();
            assertThat(app.app().metrics().registry().get(MetricNames.INVALID_TIMESTAMPS).tag("topic", input)
                    .counter().count()).as("substitutions counted; the undecodable record never got that far")
                    .isEqualTo(3.0);

            // (b) the undecodable record with timestamp -1: one dead letter, stamped by the producer.
            final ConsumerRecord<byte[], byte[]> badTimestamp = deadLetterFrom(deadLetters, 1);
            assertThat(badTimestamp.timestamp()).isGreaterThanOrEqualTo(before.toEpochMilli());
            assertThat(text(badTimestamp.headers(), DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo("-1");
            assertThat(text(badTimestamp.headers(), DeadLetterHeaders.REASON)).isEqualTo("invalid-json");
            assertThat(string(badTimestamp.value())).isEqualTo("{not json");

            // (c) the oversized bad record: a dead letter without its value, within the limit.
            final ConsumerRecord<byte[], byte[]> oversized = deadLetterFrom(deadLetters, 2);
            assertThat(text(oversized.headers(), DeadLetterHeaders.OMITTED)).isEqualTo("stacktrace,message,value");
            assertThat(oversized.value()).isNull();
            assertThat(string(oversized.key())).isEqualTo("T-BIG");
            assertThat(text(oversized.headers(), "trace")).hasSize(10_000);
            assertThat(text(oversized.headers(), DeadLetterHeaders.REASON)).isEqualTo("invalid-json");
            assertThat(text(oversized.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
            assertThat(RecordSizes.estimate(oversized.key(), oversized.value(), oversized.headers()))
                    .isLessThanOrEqualTo(DLQ_MAX_BYTES);

            // Every input accounted for exactly once: 3 applied, 2 dead letters, 1 stale.
            assertThat(summary.applied()).isEqualTo(3);
            assertThat(broker.readAllCommitted(config.topics().output())).hasSize(3);
            assertThat(broker.readAllCommitted(config.topics().deadLetter())).hasSize(2);
        }
    }

    private static void createTopicsWithSmallDeadLetterTopic(final KafkaBroker broker, final TicketSyncConfig config)
            throws Exception {
        final List<NewTopic> topics = TopicLayout.newTopics(config.topics(), (short) 1).stream()
                .map(topic -> topic.name().equals(config.topics().deadLetter())
                        ? new NewTopic(topic.name(), 1, (short) 1)
                                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(DLQ_MAX_BYTES)))
                        : topic)
                .toList();
        try (Admin admin = broker.admin()) {
            admin.createTopics(topics).all().get();
        }
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterFrom(final List<ConsumerRecord<byte[], byte[]>> deadLetters,
                                                                final int sourcePartition) {
        final List<ConsumerRecord<byte[], byte[]>> matching = deadLetters.stream()
                .filter(record -> String.valueOf(sourcePartition).equals(text(record.headers(), DeadLetterHeaders.PARTITION)))
                .toList();
        assertThat(matching).as("dead letters from partition %d", sourcePartition).hasSize(1);
        return matching.get(0);
    }

    private static String string(final byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
