package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.codec.JsonSerde;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ticketsync.testing.Headers.text;
import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records too large to write, under exactly_once_v2 on a real broker whose output topic refuses
 * anything over the limit (as a broker would abort the whole transaction for it): the change is
 * dead-lettered, the app keeps running, and every input ends in output, DLQ or the stale count.
 * Every input goes to partition 0, so the last input's output proves all before it were handled.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(240)
class OversizeIT {

    private static final int LIMIT = 20_000;
    /** A third of the limit: a ticket holds two such fields, not three. */
    private static final int FIELD = 8_000;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern STALE = Pattern.compile("kafka_stream_ticket_sync_skipped_stale_total\\{[^}]*} ([0-9.]+)");

    private final JsonSerde<SyncedTicket> snapshots = new JsonSerde<>(SyncedTicket.class);

    @Test
    void shouldDeadLetterChangeWhoseCopiedHeadersPushOutputOverLimitAndApplyTheNext(final KafkaBroker broker,
                                                                                  @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = config(broker, "oversize-headers-it", state, LIMIT);
        createTopics(broker, config, LIMIT);
        final RecordHeaders baggage = new RecordHeaders();
        baggage.add("baggage", new byte[LIMIT + 5_000]);
        broker.produce(config.topics().input(), List.of(
                new ProducerRecord<>("unused", 0, utf8("T-1"), upsert("T-1", 1).bytes(), baggage),
                record(upsert("T-1", 1)),
                record(upsert("T-2", 1)),
                record(patch("T-2", 2).status("in_progress"))));

        try (RunningApp running = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final List<ConsumerRecord<byte[], byte[]>> output =
                    broker.readCommittedUntil(config.topics().output(), records -> records.size() >= 3, WAIT);
            final List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    broker.readCommittedUntil(config.topics().deadLetter(), records -> !records.isEmpty(), WAIT);

            assertThat(output).extracting(this::keyAndVersion).containsExactlyInAnyOrder("T-1@1", "T-2@1", "T-2@2");
            assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
                assertThat(text(deadLetter.headers(), DeadLetterHeaders.STAGE)).isEqualTo("PROCESSING");
                assertThat(text(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("record-too-large");
                assertThat(deadLetter.headers().lastHeader("baggage").value()).hasSize(LIMIT + 5_000);
            });
            assertThat(running.hasExited()).isFalse();
            assertThat(running.http().get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldKeepRunningWhenTicketGrowsOverLimitAndApplyDeadLetterReplayedUnderHigherLimit(
            final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = config(broker, "oversize-growth-it", state, LIMIT);
        createTopics(broker, config, LIMIT);
        broker.produce(config.topics().input(), List.of(
                record(upsert("T-1", 1).title("t".repeat(FIELD))),
                record(patch("T-1", 2).assignee("a".repeat(FIELD))),
                record(patch("T-1", 3).requester("r".repeat(FIELD))),
                record(patch("T-1", 4).status("in_progress")),
                record(patch("T-1", 2).title("late duplicate")),
                record(upsert("T-2", 1).title("t".repeat(FIELD))),
                record(patch("T-2", 2).assignee("a".repeat(FIELD))),
                record(patch("T-2", 3).requester("r".repeat(FIELD))),
                record(upsert("T-last", 1))));

        final ConsumerRecord<byte[], byte[]> deadLetterOfT2;
        try (RunningApp running = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final List<ConsumerRecord<byte[], byte[]>> output =
                    broker.readCommittedUntil(config.topics().output(), records -> records.size() >= 6, WAIT);
            final List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    broker.readCommittedUntil(config.topics().deadLetter(), records -> records.size() >= 2, WAIT);

            assertThat(output).extracting(this::keyAndVersion)
                    .containsExactlyInAnyOrder("T-1@1", "T-1@2", "T-1@4", "T-2@1", "T-2@2", "T-last@1");
            final SyncedTicket afterGrowth = find(output, "T-1", 4);
            assertThat(afterGrowth.requester()).as("merged onto the last state that could be written").isNull();
            assertThat(afterGrowth.assignee()).isEqualTo("a".repeat(FIELD));
            assertThat(deadLetters).extracting(deadLetter -> text(deadLetter.headers(), DeadLetterHeaders.REASON))
                    .containsOnly("record-too-large");
            // 9 inputs = 6 outputs + 2 dead letters + 1 stale (the metrics binder picks counters up periodically).
            running.http().awaitGet("/metrics", metrics -> staleCount(metrics.body()) == 1, WAIT);
            assertThat(running.hasExited()).isFalse();
            deadLetterOfT2 = deadLetters.get(1);
            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }

        // The operator raises the limits and replays the dead letter: the ticket's state never moved.
        final int raised = 5 * LIMIT;
        setMaxMessageBytes(broker, config.topics().output(), raised);
        final TicketSyncConfig raisedConfig = config(broker, "oversize-growth-it", state, raised);
        try (RunningApp running = RunningApp.start(raisedConfig, TicketSyncTopology.build(raisedConfig))) {
            broker.produce(config.topics().input(), List.of(
                    new ProducerRecord<>("unused", 0, deadLetterOfT2.key(), deadLetterOfT2.value())));

            final List<ConsumerRecord<byte[], byte[]>> output =
                    broker.readCommittedUntil(config.topics().output(), records -> records.size() >= 7, WAIT);
            final SyncedTicket replayed = find(output, "T-2", 3);
            assertThat(replayed.assignee()).isEqualTo("a".repeat(FIELD));
            assertThat(replayed.requester()).isEqualTo("r".repeat(FIELD));
        }
    }

    private static TicketSyncConfig config(final KafkaBroker broker, final String name, final Path state,
                                           final int limit) {
        return TestConfigs.forBroker(broker, name, state,
                Map.of(ConfigKeys.OUTPUT_MAX_RECORD_BYTES, String.valueOf(limit)));
    }

    /** The three topics, the output refusing records over {@code maxMessageBytes} as a broker would. */
    private static void createTopics(final KafkaBroker broker, final TicketSyncConfig config, final int maxMessageBytes)
            throws Exception {
        broker.createTopics(config.topics());
        setMaxMessageBytes(broker, config.topics().output(), maxMessageBytes);
    }

    private static void setMaxMessageBytes(final KafkaBroker broker, final String topic, final int bytes)
            throws Exception {
        try (Admin admin = broker.admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                    new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)),
                            AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    private static long staleCount(final String metrics) {
        final Matcher stale = STALE.matcher(metrics);
        long total = 0;
        while (stale.find()) {
            total += (long) Double.parseDouble(stale.group(1));
        }
        return total;
    }

    private SyncedTicket find(final List<ConsumerRecord<byte[], byte[]>> output, final String id, final long version) {
        return output.stream().map(record -> snapshots.decode(record.value()))
                .filter(ticket -> ticket.id().equals(id) && ticket.version() == version)
                .findFirst().orElseThrow(() -> new AssertionError("no output " + id + "@" + version));
    }

    private String keyAndVersion(final ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8) + "@" + snapshots.decode(record.value()).version();
    }

    private static ProducerRecord<byte[], byte[]> record(final TicketChangeBuilder change) {
        return new ProducerRecord<>("unused", 0, utf8(change.ticketId()), change.bytes());
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
