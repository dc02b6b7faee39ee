package io.ticketsync.it;

import io.ticketsync.codec.JsonSerde;
import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.topology.FallbackTimestampExtractor;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
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

import static io.ticketsync.testing.Headers.text;
import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record metadata the written topics would refuse, on a real broker under exactly_once_v2: old and
 * future timestamps, and a changelog that accepts less than the output topic. Each input ends as
 * output or a dead letter, the task never stalls on a refused write, and the original timestamp
 * survives in a header. Every input goes to partition 0, so the last one's output proves all before
 * it were handled.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(240)
class RecordMetadataIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long DAY_MS = 86_400_000L;
    private static final long TWO_HOURS_MS = 7_200_000L;
    /** What the written topics accept of the past in the first test; a day-old record is far outside. */
    private static final String MINUTE_MS = "60000";

    private final JsonSerde<SyncedTicket> snapshots = new JsonSerde<>(SyncedTicket.class);

    @Test
    void shouldStampDerivedRecordsWithProcessingTimeWhenWrittenTopicsRefuseOldTimestamps(final KafkaBroker broker,
                                                                                    @TempDir final Path state)
            throws Exception {
        // The changelog, which Kafka Streams creates, refuses old records too.
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "old-timestamps-it", state, Map.of(
                "topic." + TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, MINUTE_MS));
        broker.createTopics(config.topics());
        alter(broker, config.topics().output(), TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, MINUTE_MS);
        alter(broker, config.topics().deadLetter(), TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, MINUTE_MS);
        final long dayAgo = System.currentTimeMillis() - DAY_MS;
        broker.produce(config.topics().input(), List.of(
                record(upsert("T-1", 1), dayAgo),
                record(patch("T-1", 2).status("escalated"), dayAgo + 1),
                new ProducerRecord<>("unused", 0, dayAgo + 2, utf8("T-1"), utf8("{not json")),
                record(patch("T-1", 3).status("in_progress"), dayAgo + 3),
                record(upsert("T-last", 1), dayAgo + 4)));

        final long started = System.currentTimeMillis();
        try (RunningApp running = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(config.topics().output(),
                    records -> records.size() >= 3, WAIT);
            final List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readCommittedUntil(
                    config.topics().deadLetter(), records -> records.size() >= 2, WAIT);

            assertThat(output).extracting(this::keyAndVersion).containsExactlyInAnyOrder("T-1@1", "T-1@3", "T-last@1");
            assertThat(output).allSatisfy(record -> {
                assertThat(record.timestamp()).as("processing time").isGreaterThanOrEqualTo(started);
                assertThat(Long.parseLong(text(record.headers(), FallbackTimestampExtractor.ORIGINAL_TIMESTAMP)))
                        .isBetween(dayAgo, dayAgo + 4);
            });
            assertThat(deadLetters).extracting(record -> text(record.headers(), DeadLetterHeaders.STAGE) + "/"
                            + text(record.headers(), DeadLetterHeaders.ORIGINAL_TIMESTAMP))
                    .containsExactlyInAnyOrder("PROCESSING/" + (dayAgo + 1), "DESERIALIZATION/" + (dayAgo + 2));
            assertThat(deadLetters).allSatisfy(record -> assertThat(record.timestamp()).isGreaterThanOrEqualTo(started));
            assertThat(running.hasExited()).isFalse();
            assertThat(running.http().get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldStampOutputWithProcessingTimeWhenInputTimestampIsMoreThanAnHourAhead(final KafkaBroker broker,
                                                                                 @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "future-timestamps-it", state, Map.of());
        broker.createTopics(config.topics());
        // The input takes any timestamp; the output keeps the broker's default of at most an hour ahead.
        alter(broker, config.topics().input(), TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG,
                String.valueOf(Long.MAX_VALUE));
        final long twoHoursAhead = System.currentTimeMillis() + TWO_HOURS_MS;
        broker.produce(config.topics().input(), List.of(
                record(upsert("T-1", 1), twoHoursAhead),
                record(upsert("T-last", 1), System.currentTimeMillis())));

        try (RunningApp running = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(config.topics().output(),
                    records -> records.size() >= 2, WAIT);

            assertThat(output).extracting(this::keyAndVersion).containsExactlyInAnyOrder("T-1@1", "T-last@1");
            final ConsumerRecord<byte[], byte[]> ahead = byKey(output, "T-1");
            assertThat(ahead.timestamp()).as("processing time").isLessThan(twoHoursAhead - 3_600_000L);
            assertThat(text(ahead.headers(), FallbackTimestampExtractor.ORIGINAL_TIMESTAMP))
                    .isEqualTo(String.valueOf(twoHoursAhead));
            assertThat(byKey(output, "T-last").headers().lastHeader(FallbackTimestampExtractor.ORIGINAL_TIMESTAMP))
                    .as("a timestamp the topics accept is kept").isNull();
            assertThat(running.hasExited()).isFalse();
        }
    }

    @Test
    void shouldDeadLetterChangeWhoseStoredStateExceedsTheSmallerChangelogLimitAndApplyTheNext(
            final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final int changelogLimit = 20_000;
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "changelog-limit-it", state,
                Map.of(ConfigKeys.OUTPUT_MAX_RECORD_BYTES, String.valueOf(changelogLimit)));
        broker.createTopics(config.topics());
        alter(broker, config.topics().output(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "30000");
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(config.applicationId() + "-ticket-snapshots-changelog", 6, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(changelogLimit))))).all().get();
        }
        broker.produce(config.topics().input(), List.of(
                record(upsert("T-1", 1).title("t".repeat(8_000)), System.currentTimeMillis()),
                record(patch("T-1", 2).assignee("a".repeat(15_000)), System.currentTimeMillis()),
                record(patch("T-1", 3).status("in_progress"), System.currentTimeMillis()),
                record(upsert("T-last", 1), System.currentTimeMillis())));

        try (RunningApp running = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(config.topics().output(),
                    records -> records.size() >= 3, WAIT);
            final List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readCommittedUntil(
                    config.topics().deadLetter(), records -> !records.isEmpty(), WAIT);

            assertThat(output).extracting(this::keyAndVersion).containsExactlyInAnyOrder("T-1@1", "T-1@3", "T-last@1");
            assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
                assertThat(text(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("record-too-large");
                assertThat(text(deadLetter.headers(), DeadLetterHeaders.MESSAGE)).contains("20000");
            });
            assertThat(running.hasExited()).isFalse();
        }
    }

    private static void alter(final KafkaBroker broker, final String topic, final String key, final String value)
            throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = broker.admin()) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(
                    new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)))).all().get();
            // The broker applies an altered topic config a moment later: a produce or a startup check
            // right after the alter may still meet the old value.
            Await.until(topic + " " + key + "=" + value, () -> admin.describeConfigs(List.of(resource)).all().get()
                    .get(resource).get(key).value(), value::equals, Duration.ofSeconds(30));
        }
    }

    private static ConsumerRecord<byte[], byte[]> byKey(final List<ConsumerRecord<byte[], byte[]>> records,
                                                        final String key) {
        return records.stream().filter(record -> key.equals(new String(record.key(), StandardCharsets.UTF_8)))
                .findFirst().orElseThrow(() -> new AssertionError("no record keyed " + key));
    }

    private String keyAndVersion(final ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8) + "@" + snapshots.decode(record.value()).version();
    }

    private static ProducerRecord<byte[], byte[]> record(final TicketChangeBuilder change, final long timestamp) {
        return new ProducerRecord<>("unused", 0, timestamp, utf8(change.ticketId()), change.bytes());
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
