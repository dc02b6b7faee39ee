package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.TestServices;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.metrics.MetricNames;
import io.ticketsync.metrics.RecordCounters;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
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
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static io.ticketsync.testing.TicketChangeBuilder.delete;
import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production topology and configuration (exactly_once_v2) on a real broker: dead letters of
 * every stage are committed together with the output, each bad record once, and the rest is
 * accounted for as output or stale.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class ExactlyOnceDeadLetterIT {

    private static final int TICKETS = 150;

    @Test
    void shouldCommitOutputAndDeadLettersExactlyOnceUnderExactlyOnceV2(final KafkaBroker broker,
                                                                      @TempDir final Path stateDir) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "eos-dlq-it", stateDir,
                Map.of(ConfigKeys.OUTPUT_MAX_RECORD_BYTES, "1000"));
        broker.createTopics(config.topics());
        final List<ProducerRecord<byte[], byte[]>> workload = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            workload.addAll(lifeOfOneTicket("T-" + i));
        }
        broker.produce(config.topics().input(), workload);

        final Properties props = TestServices.streamsProperties(config);
        try (KafkaStreams streams = new KafkaStreams(TicketSyncTopology.build(config), props)) {
            streams.start();

            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(
                    config.topics().output(), records -> records.size() >= TICKETS * 5, Duration.ofSeconds(90));
            final List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readCommittedUntil(
                    config.topics().deadLetter(), records -> records.size() >= TICKETS * 4, Duration.ofSeconds(60));
            waitForStaleCount(streams, TICKETS * 2L);

            // Nothing more arrives once everything is accounted for: no duplicates.
            assertThat(broker.readAllCommitted(config.topics().output())).hasSize(TICKETS * 5);
            assertThat(broker.readAllCommitted(config.topics().deadLetter())).hasSize(TICKETS * 4);
            assertThat(output.stream().filter(record -> record.value() == null)).as("tombstones").hasSize(TICKETS);

            final Map<String, Long> byReason = deadLetters.stream().collect(Collectors.groupingBy(
                    record -> header(record, DeadLetterHeaders.STAGE) + "/" + header(record, DeadLetterHeaders.REASON),
                    Collectors.counting()));
            assertThat(byReason).isEqualTo(Map.of(
                    "DESERIALIZATION/invalid-json", (long) TICKETS,
                    "PROCESSING/unmapped-status", (long) TICKETS,
                    "PROCESSING/key-mismatch", (long) TICKETS,
                    "PROCESSING/record-too-large", (long) TICKETS));
            final Set<String> sources = deadLetters.stream()
                    .map(record -> header(record, DeadLetterHeaders.PARTITION) + "@" + header(record, DeadLetterHeaders.OFFSET))
                    .collect(Collectors.toSet());
            assertThat(sources).as("each bad input dead-lettered once").hasSize(TICKETS * 4);
        }
    }

    /** 11 records: 5 outputs (4 versions and a tombstone), 4 dead letters (one per kind), 2 stale. */
    private static List<ProducerRecord<byte[], byte[]>> lifeOfOneTicket(final String id) {
        final String other = id + "-other";
        return List.of(
                record(id, upsert(id, 1).bytes()),
                record(id, patch(id, 2).status("in_progress").bytes()),
                record(id, patch(id, 3).assignee("alice").bytes()),
                record(id, patch(id, 2).title("duplicate").bytes()),
                record(id, "{not json".getBytes(StandardCharsets.UTF_8)),
                record(id, patch(id, 4).status("escalated").bytes()),
                record(id, patch(id, 5).title("x".repeat(2000)).bytes()),
                record(id, patch(id, 6).title("Printer fixed").bytes()),
                record(id, upsert(other, 7).bytes()),
                record(id, delete(id, 8).bytes()),
                record(id, upsert(id, 4).bytes()));
    }

    private static ProducerRecord<byte[], byte[]> record(final String key, final byte[] value) {
        return new ProducerRecord<>("unused", key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void waitForStaleCount(final KafkaStreams streams, final long expected) throws InterruptedException {
        Await.until("skipped-stale-total of " + expected, () -> RecordCounters.total(streams.metrics(),
                MetricNames.SKIPPED_STALE), stale -> stale == expected, Duration.ofSeconds(30));
    }
}
