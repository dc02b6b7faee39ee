package io.ticketsync.it;

import io.ticketsync.codec.JsonSerde;
import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.metrics.SyncSummary;
import io.ticketsync.model.SyncedTicket;
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
 * The production runner and configuration (exactly_once_v2) on a real broker: dead letters of the
 * deserialization and processing stages are committed together with the output, each bad record
 * once, even when a stream thread dies with some of them in its open transaction. An output
 * serializer that throws fails the task instead of dead-lettering: the record is processed again
 * once the serializer stops throwing, and its output exists exactly once, so the ticket's state
 * never advanced without it. The rest is accounted for as output or stale.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class ExactlyOnceDeadLetterIT {

    private static final int TICKETS = 150;
    private static final int RECORDS_PER_TICKET = 12;
    private static final int OUTPUTS_PER_TICKET = 6;
    private static final int DEAD_LETTERS_PER_TICKET = 4;
    /** Tickets whose version 6 the output serializer refuses once (each refusal costs a stream thread). */
    private static final Set<String> SERIALIZER_FAILS_ONCE = Set.of("T-0", "T-1", "T-2");
    private static final long UNSERIALIZABLE_VERSION = 6;
    /** The ticket whose thread death aborts a transaction holding its dead letters. */
    private static final String ABORTED = "T-0";
    private static final long FAILS_ONCE_AT_VERSION = 7;

    private final JsonSerde<SyncedTicket> snapshots = new JsonSerde<>(SyncedTicket.class);

    @Test
    void shouldCommitDeadLettersExactlyOnceAndReprocessSerializerFailuresWhenAttemptsAreAbortedUnderExactlyOnceV2(
            final KafkaBroker broker, @TempDir final Path stateDir) throws Exception {
        // Commits far apart: each thread death below lands in the same transaction as the dead
        // letters written just before it (a record or two earlier in the same partition).
        // Four thread deaths: three serializer failures and one injected timeout.
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "eos-dlq-it", stateDir,
                Map.of(ConfigKeys.OUTPUT_MAX_RECORD_BYTES, "1000", "commit.interval.ms", "2000",
                        ConfigKeys.UNCAUGHT_REPLACE_MAX, "10"));
        broker.createTopics(config.topics());
        final List<ProducerRecord<byte[], byte[]>> workload = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            workload.addAll(lifeOfOneTicket("T-" + i));
        }
        assertThat(workload).hasSize(TICKETS * RECORDS_PER_TICKET);
        broker.produce(config.topics().input(), workload);
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger serializerFailures = new AtomicInteger();
        final Topology topology = FaultyTopology.failingOnAndSerializerFailingOnce(config,
                change -> change.ticketId().equals(ABORTED) && change.version() == FAILS_ONCE_AT_VERSION,
                () -> failures.getAndIncrement() == 0 ? new TimeoutException("injected: thread dies mid-transaction") : null,
                serializerFailures);

        try (RunningApp running = RunningApp.start(config, topology)) {
            awaitAllInputCommitted(broker, config, workload.size());

            final List<ConsumerRecord<byte[], byte[]>> output = broker.readAllCommitted(config.topics().output());
            final List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readAllCommitted(config.topics().deadLetter());
            // At least twice: the failure, then the reprocessing; a rebalance may abort one more attempt.
            assertThat(failures.get()).as("the thread died at the fault, then the record was reprocessed")
                    .isGreaterThanOrEqualTo(2);
            assertThat(serializerFailures.get()).as("each refused output failed the task once, then was written")
                    .isEqualTo(SERIALIZER_FAILS_ONCE.size());
            assertThat(output).as("no output twice").hasSize(TICKETS * OUTPUTS_PER_TICKET);
            assertThat(output.stream().map(this::keyAndVersion).distinct()).as("no output lost or doubled")
                    .hasSize(TICKETS * OUTPUTS_PER_TICKET);
            assertThat(output.stream().filter(record -> record.value() == null)).as("tombstones").hasSize(TICKETS);
            for (final String id : SERIALIZER_FAILS_ONCE) {
                assertThat(snapshot(output, id, UNSERIALIZABLE_VERSION).assignee())
                        .as("%s's refused output was written when processed again", id).isEqualTo("bob");
                assertThat(snapshot(output, id, FAILS_ONCE_AT_VERSION).assignee())
                        .as("%s's next version builds on the state whose output exists", id).isEqualTo("bob");
            }
            assertThat(deadLetters).as("no dead letter twice").hasSize(TICKETS * DEAD_LETTERS_PER_TICKET);
            assertThat(byStageAndReason(deadLetters)).as("nothing dead-lettered at the production stage").isEqualTo(Map.of(
                    "DESERIALIZATION/invalid-json", (long) TICKETS,
                    "PROCESSING/unmapped-status", (long) TICKETS,
                    "PROCESSING/record-too-large", (long) TICKETS,
                    "PROCESSING/key-mismatch", (long) TICKETS));
            final Set<String> sources = deadLetters.stream()
                    .map(record -> header(record, DeadLetterHeaders.PARTITION) + "@" + header(record, DeadLetterHeaders.OFFSET))
                    .collect(Collectors.toSet());
            assertThat(sources).as("each bad input dead-lettered once").hasSize(TICKETS * DEAD_LETTERS_PER_TICKET);
            assertThat(workload.size() - output.size() - deadLetters.size()).as("the rest is stale")
                    .isEqualTo(TICKETS * 2);

            // The counter counts letters built, aborted ones included: more than were committed
            // means an aborted attempt held dead letters, and read_committed hides them.
            final SyncSummary built = running.app().metrics().summary();
            assertThat(built.deadLettered().get("PROCESSING/record-too-large"))
                    .as("dead letters built, the aborted attempts' included").isGreaterThan(TICKETS);
            assertThat(built.deadLettered()).doesNotContainKey("PRODUCTION/unexpected-exception");
            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    /**
     * 12 records: 6 outputs (5 versions and a tombstone), 4 dead letters (one per kind), 2 stale.
     * For {@link #SERIALIZER_FAILS_ONCE}, version 6's output is refused once by the serializer.
     */
    private static List<ProducerRecord<byte[], byte[]>> lifeOfOneTicket(final String id) {
        final String other = id + "-other";
        final ProducerRecord<byte[], byte[]> assignBob = record(id, patch(id, UNSERIALIZABLE_VERSION).assignee("bob").bytes());
        return List.of(
                record(id, upsert(id, 1).bytes()),
                record(id, patch(id, 2).status("in_progress").bytes()),
                record(id, patch(id, 3).assignee("alice").bytes()),
                record(id, patch(id, 2).title("duplicate").bytes()),
                record(id, "{not json".getBytes(StandardCharsets.UTF_8)),
                record(id, patch(id, 4).status("escalated").bytes()),
                record(id, patch(id, 5).title("x".repeat(2000)).bytes()),
                SERIALIZER_FAILS_ONCE.contains(id) ? unserializable(assignBob) : assignBob,
                record(id, patch(id, FAILS_ONCE_AT_VERSION).title("Printer fixed").bytes()),
                record(id, upsert(other, 8).bytes()),
                record(id, delete(id, 9).bytes()),
                record(id, upsert(id, 4).bytes()));
    }

    private String keyAndVersion(final ConsumerRecord<byte[], byte[]> record) {
        final String key = new String(record.key(), StandardCharsets.UTF_8);
        return record.value() == null ? key + "@deleted" : key + "@" + snapshots.decode(record.value()).version();
    }

    private SyncedTicket snapshot(final List<ConsumerRecord<byte[], byte[]>> output, final String id, final long version) {
        return output.stream().filter(record -> record.value() != null).map(record -> snapshots.decode(record.value()))
                .filter(ticket -> ticket.id().equals(id) && ticket.version() == version)
                .findFirst().orElseThrow(() -> new AssertionError("no output " + id + "@" + version));
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
