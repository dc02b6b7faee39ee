package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.metrics.SyncSummary;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.FaultyTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.Topology;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.ticketsync.testing.TicketChangeBuilder.delete;
import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production runner and configuration (exactly_once_v2) on a real broker: dead letters of
 * every stage (deserialization, processing, production) are committed together with the output,
 * each bad record once, even when a stream thread dies with some of them in its open transaction;
 * the rest is accounted for as output or stale.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class ExactlyOnceDeadLetterIT {

    private static final int TICKETS = 150;
    private static final int RECORDS_PER_TICKET = 12;
    private static final int OUTPUTS_PER_TICKET = 5;
    private static final int DEAD_LETTERS_PER_TICKET = 5;
    /** The ticket whose thread death aborts a transaction holding its production-stage dead letter. */
    private static final String ABORTED = "T-0";
    private static final long FAILS_ONCE_AT_VERSION = 7;

    @Test
    void shouldCommitDeadLettersOfEveryStageExactlyOnceWhenAnAttemptIsAbortedUnderExactlyOnceV2(
            final KafkaBroker broker, @TempDir final Path stateDir) throws Exception {
        // Commits far apart: the thread death below lands in the same transaction as the production
        // dead letter written just before it (one record earlier in the same partition).
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "eos-dlq-it", stateDir,
                Map.of(ConfigKeys.OUTPUT_MAX_RECORD_BYTES, "1000", "commit.interval.ms", "2000"));
        broker.createTopics(config.topics());
        final List<ProducerRecord<byte[], byte[]>> workload = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            workload.addAll(lifeOfOneTicket("T-" + i));
        }
        broker.produce(config.topics().input(), workload);
        final AtomicInteger failures = new AtomicInteger();
        final Topology topology = FaultyTopology.failingOnAndUnserializable(config,
                change -> change.ticketId().equals(ABORTED) && change.version() == FAILS_ONCE_AT_VERSION,
                () -> failures.getAndIncrement() == 0 ? new TimeoutException("injected: thread dies mid-transaction") : null);

        try (RunningApp running = RunningApp.start(config, topology)) {
            awaitAllInputCommitted(broker, config, workload.size());

            final List<ConsumerRecord<byte[], byte[]>> output = broker.readAllCommitted(config.topics().output());
            final List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readAllCommitted(config.topics().deadLetter());
            assertThat(failures.get()).as("the thread died at the fault, then the record was reprocessed").isEqualTo(2);
            assertThat(output).as("no output twice").hasSize(TICKETS * OUTPUTS_PER_TICKET);
            assertThat(output.stream().filter(record -> record.value() == null)).as("tombstones").hasSize(TICKETS);
            assertThat(deadLetters).as("no dead letter twice").hasSize(TICKETS * DEAD_LETTERS_PER_TICKET);
            assertThat(byStageAndReason(deadLetters)).isEqualTo(Map.of(
                    "DESERIALIZATION/invalid-json", (long) TICKETS,
                    "PROCESSING/unmapped-status", (long) TICKETS,
                    "PROCESSING/record-too-large", (long) TICKETS,
                    "PROCESSING/key-mismatch", (long) TICKETS,
                    "PRODUCTION/unexpected-exception", (long) TICKETS));
            final Set<String> sources = deadLetters.stream()
                    .map(record -> header(record, DeadLetterHeaders.PARTITION) + "@" + header(record, DeadLetterHeaders.OFFSET))
                    .collect(Collectors.toSet());
            assertThat(sources).as("each bad input dead-lettered once").hasSize(TICKETS * DEAD_LETTERS_PER_TICKET);
            assertThat(workload.size() - output.size() - deadLetters.size()).as("the rest is stale")
                    .isEqualTo(TICKETS * 2);

            // The counter counts letters built, aborted ones included: more than were committed
            // means the aborted attempt held production dead letters, and read_committed hides them.
            final SyncSummary built = running.app().metrics().summary();
            assertThat(built.deadLettered().get("PRODUCTION/unexpected-exception"))
                    .as("production dead letters built, the aborted attempt's included").isGreaterThan(TICKETS);
            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    /**
     * 12 records: 5 outputs (4 versions and a tombstone), 5 dead letters (one per kind, one of each
     * stage), 2 stale. The production-stage one is applied to the store, so later versions build on it.
     */
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
                unserializable(record(id, patch(id, 6).assignee("bob").bytes())),
                record(id, patch(id, FAILS_ONCE_AT_VERSION).title("Printer fixed").bytes()),
                record(id, upsert(other, 8).bytes()),
                record(id, delete(id, 9).bytes()),
                record(id, upsert(id, 4).bytes()));
    }

    private static ProducerRecord<byte[], byte[]> record(final String key, final byte[] value) {
        return new ProducerRecord<>("unused", key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** The record, marked so that the output serializer throws for its output. */
    private static ProducerRecord<byte[], byte[]> unserializable(final ProducerRecord<byte[], byte[]> record) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(FaultyTopology.UNSERIALIZABLE, new byte[0]);
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    private static Map<String, Long> byStageAndReason(final List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        return deadLetters.stream().collect(Collectors.groupingBy(
                record -> header(record, DeadLetterHeaders.STAGE) + "/" + header(record, DeadLetterHeaders.REASON),
                Collectors.counting()));
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Under exactly_once_v2 the input offsets commit with the output and dead letters they produced. */
    private static void awaitAllInputCommitted(final KafkaBroker broker, final TicketSyncConfig config, final long records)
            throws Exception {
        try (Admin admin = broker.admin()) {
            Await.until("every input record committed", () -> admin.listConsumerGroupOffsets(config.applicationId())
                            .partitionsToOffsetAndMetadata().get().entrySet().stream()
                            .filter(entry -> entry.getKey().topic().equals(config.topics().input()))
                            .map(Map.Entry::getValue).mapToLong(OffsetAndMetadata::offset).sum(),
                    committed -> committed == records, Duration.ofSeconds(120));
        }
    }
}
