package io.ticketsync.topology;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.codec.RecordSizes;
import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketChange;
import io.ticketsync.testing.DriverHarness;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws generated and mutated inputs at the production topology and checks the promise: every
 * input ends in exactly one place — the output, the dead-letter topic, or the stale count — and
 * nothing escapes the driver as an exception. Record metadata is generated as well as payloads:
 * timestamps (zero, small, large, negative: the driver takes negative ones through TestRecord's
 * {@code Instant} constructor) and headers (none, many, large, null values, names of the
 * dead-letter headers), with a dead-letter limit small enough that large headers hit it.
 */
class TopologyAccountingProperties {

    private static final List<String> TICKET_IDS = List.of("T-1", "T-2", "T-3", "T-4", "T-5");
    private static final List<String> STATUSES = List.of("open", "in_progress", "Resolved", "closed", "escalated", "");
    private static final List<String> PRIORITIES = List.of("low", "high", "urgent", "whenever");
    private static final AtomicLong INPUTS_SEEN = new AtomicLong();
    private static final int DLQ_MAX_RECORD_BYTES = 40_000;
    private static final TicketSyncConfig CONFIG = TestConfigs.with(Map.of(
            ConfigKeys.DLQ_MAX_RECORD_BYTES, String.valueOf(DLQ_MAX_RECORD_BYTES)));

    /** One input record: raw key and value bytes, and how it was made (for failure reports). */
    record Input(String how, byte[] key, byte[] value) {
        @Override
        public String toString() {
            return how + " key=" + printable(key) + " value=" + printable(value);
        }
    }

    /** A record's metadata: its timestamp and headers. */
    record Metadata(long timestamp, List<Header> headers) {
        @Override
        public String toString() {
            return "timestamp=" + timestamp + " headers=" + headers.stream()
                    .map(header -> header.key() + "(" + (header.value() == null ? "null" : header.value().length + " bytes") + ")")
                    .toList();
        }
    }

    /** What is piped: a payload with its metadata. */
    record Sent(Input input, Metadata metadata) {
    }

    @Property(tries = 300)
    void shouldAccountForEveryInputExactlyOnce(@ForAll("workloads") final List<Sent> workload) {
        final TicketChangeDecoder decoder = new TicketChangeDecoder();
        final Map<String, Long> lastOutputVersion = new HashMap<>();
        try (DriverHarness harness = DriverHarness.of(CONFIG)) {
            for (final Sent sent : workload) {
                final Input input = sent.input();
                final long staleBefore = harness.skippedStaleCount();
                harness.sendRaw(input.key(), input.value(), new RecordHeaders(sent.metadata().headers()),
                        Instant.ofEpochMilli(sent.metadata().timestamp()));

                final List<TestRecord<String, SyncedTicket>> outputs = harness.output().readRecordsToList();
                final List<TestRecord<byte[], byte[]>> deadLetters = harness.deadLetters().readRecordsToList();
                final long stale = harness.skippedStaleCount() - staleBefore;
                assertThat(outputs.size() + deadLetters.size() + stale).as("places %s ended up in", sent).isEqualTo(1);
                Statistics.label("outcome").collect(outputs.size() == 1 ? "output" : deadLetters.size() == 1 ? "dead letter" : "stale");
                Statistics.label("timestamp").collect(sent.metadata().timestamp() < 0 ? "negative" : "valid");
                deadLetters.forEach(deadLetter -> assertWritable(deadLetter, sent));
                outputs.forEach(output -> assertThat(output.timestamp()).as("output timestamp of %s", sent).isNotNegative());

                if (outputs.size() == 1) {
                    final TicketChange applied = decoder.decode(input.value());
                    final TestRecord<String, SyncedTicket> output = outputs.get(0);
                    assertThat(output.key()).isEqualTo(applied.ticketId());
                    assertThat(output.value() == null ? applied.version() : output.value().version())
                            .isEqualTo(applied.version());
                    final Long previous = lastOutputVersion.put(output.key(), applied.version());
                    assertThat(previous == null || previous < applied.version())
                            .as("versions of %s strictly increase: %s then %s", output.key(), previous, applied.version())
                            .isTrue();
                }
            }
        }
        INPUTS_SEEN.addAndGet(workload.size());
    }

    /** A dead letter the producer and broker accept, carrying one set of error headers, ours. */
    private static void assertWritable(final TestRecord<byte[], byte[]> deadLetter, final Sent sent) {
        Statistics.label("dead letter").collect(deadLetter.headers().lastHeader(DeadLetterHeaders.OMITTED) == null
                ? "whole" : "parts left out");
        assertThat(deadLetter.timestamp()).as("dead-letter timestamp of %s (null: the producer's)", sent)
                .satisfiesAnyOf(timestamp -> assertThat(timestamp).isNull(),
                        timestamp -> assertThat(timestamp).isNotNegative());
        assertThat(RecordSizes.estimate(deadLetter.key(), deadLetter.value(), deadLetter.headers()))
                .as("dead-letter size of %s", sent).isLessThanOrEqualTo(DLQ_MAX_RECORD_BYTES);
        for (final String name : List.of(DeadLetterHeaders.STAGE, DeadLetterHeaders.REASON, DeadLetterHeaders.OFFSET)) {
            assertThat(deadLetter.headers().headers(name)).as("%s headers of %s", name, sent).hasSize(1);
        }
    }

    @AfterContainer
    static void reportVolume() {
        System.out.println("TopologyAccountingProperties: " + INPUTS_SEEN.get() + " inputs accounted for");
    }

    @Provide
    Arbitrary<List<Sent>> workloads() {
        final Arbitrary<Input> payloads = Arbitraries.frequencyOf(
                Tuple.of(6, validChanges()),
                Tuple.of(3, mutated(validChanges())),
                Tuple.of(1, hostileInputs()));
        return Combinators.combine(payloads, metadata()).as(Sent::new).list().ofMinSize(10).ofMaxSize(80);
    }

    private static Arbitrary<Metadata> metadata() {
        final Arbitrary<Long> timestamps = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(DriverHarness.START.toEpochMilli(),
                        DriverHarness.START.toEpochMilli() + 86_400_000L)),
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.longs().between(1, 1_000)),
                Tuple.of(1, Arbitraries.longs().between(4_000_000_000_000L, Long.MAX_VALUE).edgeCases(edges -> edges.add(Long.MAX_VALUE))),
                Tuple.of(2, Arbitraries.longs().between(Long.MIN_VALUE, -1).edgeCases(edges -> edges.add(-1L))));
        final Arbitrary<List<Header>> headers = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<Header>of())),
                Tuple.of(2, header().list().ofMaxSize(12)));
        return Combinators.combine(timestamps, headers).as(Metadata::new);
    }

    private static Arbitrary<Header> header() {
        final Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars(".-_").ofMinLength(1).ofMaxLength(30)),
                // Names a dead letter sets itself: a copy must never end up next to ours.
                Tuple.of(2, Arbitraries.of(List.copyOf(DeadLetterHeaders.ALL))));
        final Arbitrary<byte[]> values = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                Tuple.of(1, Arbitraries.integers().between(5_000, 30_000).map(length -> new byte[length])))
                .injectNull(0.15);
        return Combinators.combine(names, values).as(RecordHeader::new);
    }

    private static Arbitrary<Input> validChanges() {
        final Arbitrary<String> ids = Arbitraries.of(TICKET_IDS);
        final Arbitrary<Long> versions = Arbitraries.longs().between(1, 12);
        final Arbitrary<Boolean> deletes = Arbitraries.of(true, false, false, false, false, false);
        final Arbitrary<String> statuses = Arbitraries.of(STATUSES).injectNull(0.4);
        final Arbitrary<String> priorities = Arbitraries.of(PRIORITIES).injectNull(0.5);
        final Arbitrary<String> titles = Arbitraries.strings().ofMinLength(0).ofMaxLength(30).injectNull(0.3);
        final Arbitrary<String> assignees = Arbitraries.strings().alpha().ofMaxLength(10).injectNull(0.5);
        return Combinators.combine(ids, versions, deletes, statuses, priorities, titles, assignees)
                .as((id, version, delete, status, priority, title, assignee) -> {
                    if (delete) {
                        return new Input("delete", utf8(id), TicketChangeBuilder.delete(id, version).bytes());
                    }
                    final TicketChangeBuilder change = TicketChangeBuilder.patch(id, version);
                    if (status != null) {
                        change.status(status);
                    }
                    if (priority != null) {
                        change.priority(priority);
                    }
                    if (title != null) {
                        change.title(title);
                    }
                    if (assignee != null) {
                        change.assignee(assignee);
                    }
                    return new Input("change", utf8(id), change.bytes());
                });
    }

    /** Valid changes with their bytes or key damaged in one way. */
    private static Arbitrary<Input> mutated(final Arbitrary<Input> valid) {
        return Combinators.combine(valid, Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.bytes())
                .as((input, mutation, position, noise) -> {
                    final byte[] value = input.value();
                    final int at = position % value.length;
                    return switch (mutation) {
                        case 0 -> new Input("truncated", input.key(), Arrays.copyOf(value, at));
                        case 1 -> new Input("byte flipped", input.key(), replaced(value, at, noise));
                        case 2 -> new Input("byte inserted", input.key(), inserted(value, at, noise));
                        case 3 -> new Input("other key", utf8(TICKET_IDS.get(at % TICKET_IDS.size())), value);
                        case 4 -> new Input("null key", null, value);
                        case 5 -> new Input("null value", input.key(), null);
                        default -> new Input("key not UTF-8", new byte[] {(byte) 0xC0, noise}, value);
                    };
                });
    }

    private static Arbitrary<Input> hostileInputs() {
        final Arbitrary<Input> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
                .map(bytes -> new Input("random bytes", utf8("T-1"), bytes));
        final Arbitrary<Input> deepNesting = Arbitraries.integers().between(10, 20_000)
                .map(depth -> new Input("nested " + depth, utf8("T-1"),
                        utf8("{\"ticketId\":\"T-1\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}")));
        final Arbitrary<Input> hugeNumbers = Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(400)
                .map(digits -> new Input("huge version", utf8("T-2"), utf8(TicketChangeBuilder.upsert("T-2", 1).json()
                        .replace("\"version\":1", "\"version\":1" + digits))));
        final Arbitrary<Input> randomJson = Arbitraries.strings().withChars("{}[]\":,0123456789.eE-tfnrulsaT ")
                .ofMaxLength(80).map(text -> new Input("json-ish", utf8("T-3"), utf8(text)));
        return Arbitraries.oneOf(randomBytes, deepNesting, hugeNumbers, randomJson);
    }

    private static byte[] replaced(final byte[] value, final int at, final byte noise) {
        final byte[] copy = value.clone();
        if (copy.length > 0) {
            copy[at] = noise;
        }
        return copy;
    }

    private static byte[] inserted(final byte[] value, final int at, final byte noise) {
        final byte[] copy = new byte[value.length + 1];
        System.arraycopy(value, 0, copy, 0, at);
        copy[at] = noise;
        System.arraycopy(value, at, copy, at + 1, value.length - at);
        return copy;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String printable(final byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        final String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() <= 120 ? text : text.substring(0, 120) + "...(" + bytes.length + " bytes)";
    }
}
