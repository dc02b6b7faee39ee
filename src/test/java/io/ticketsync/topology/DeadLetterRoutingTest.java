package io.ticketsync.topology;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.model.TicketState;
import io.ticketsync.testing.DriverHarness;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.ticketsync.testing.Headers.text;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Where each kind of bad input ends up, and with which headers. */
class DeadLetterRoutingTest {

    private DriverHarness harness;

    @AfterEach
    void closeDriver() {
        if (harness != null) {
            harness.close();
        }
    }

    static Stream<Arguments> undecodableValues() {
        return Stream.of(
                arguments("not JSON", utf8("ticket T-1 changed"), "invalid-json"),
                arguments("truncated JSON", utf8("{\"ticketId\":\"T-1\",\"version\":"), "invalid-json"),
                arguments("trailing data", utf8(upsert("T-1", 1).json() + " {}"), "invalid-json"),
                arguments("duplicate keys", utf8("{\"ticketId\":\"T-1\",\"ticketId\":\"T-2\"}"), "invalid-json"),
                arguments("whitespace only", utf8("   "), "invalid-json"),
                arguments("empty value", new byte[0], "empty-value"),
                arguments("null value", null, "null-value"),
                arguments("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "invalid-utf8"),
                arguments("JSON array", utf8("[1,2,3]"), "not-an-object"),
                arguments("JSON string", utf8("\"T-1\""), "not-an-object"),
                arguments("JSON null", utf8("null"), "not-an-object"),
                arguments("absurdly deep nesting", utf8("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                        "json-limit-exceeded"),
                arguments("number with 200 digits", utf8("{\"version\":" + "9".repeat(200) + "}"), "json-limit-exceeded"),
                arguments("version beyond long", upsert("T-1", 1).set("version", new java.math.BigInteger("9".repeat(30))).bytes(),
                        "invalid-version"),
                arguments("version 1e400", utf8(upsert("T-1", 1).json().replace("\"version\":1", "\"version\":1e400")),
                        "invalid-version"),
                arguments("fractional version", upsert("T-1", 1).set("version", 1.5).bytes(), "invalid-version"),
                arguments("version zero", upsert("T-1", 1).set("version", 0).bytes(), "invalid-version"),
                arguments("version as string", upsert("T-1", 1).set("version", "7").bytes(), "wrong-type"),
                arguments("ticketId as number", upsert("T-1", 1).set("ticketId", 1001).bytes(), "wrong-type"),
                arguments("missing ticketId", upsert("T-1", 1).without("ticketId").bytes(), "missing-field"),
                arguments("missing version", upsert("T-1", 1).without("version").bytes(), "missing-field"),
                arguments("missing op", upsert("T-1", 1).without("op").bytes(), "missing-field"),
                arguments("missing changedAt", upsert("T-1", 1).without("changedAt").bytes(), "missing-field"),
                arguments("empty ticketId", upsert("", 1).bytes(), "invalid-ticket-id"),
                arguments("65-char ticketId", upsert("T".repeat(65), 1).bytes(), "invalid-ticket-id"),
                arguments("unknown op", upsert("T-1", 1).set("op", "MERGE").bytes(), "invalid-op"),
                arguments("lower-case op", upsert("T-1", 1).set("op", "upsert").bytes(), "invalid-op"),
                arguments("bad changedAt", upsert("T-1", 1).set("changedAt", "yesterday").bytes(), "invalid-timestamp"),
                arguments("fields not an object", upsert("T-1", 1).set("fields", "title").bytes(), "wrong-type"),
                arguments("title as number", upsert("T-1", 1).setField("title", 42).bytes(), "wrong-type"),
                arguments("tags not strings", upsert("T-1", 1).setField("tags", new int[] {1}).bytes(), "wrong-type"),
                arguments("blank title", upsert("T-1", 1).title("  ").bytes(), "invalid-field"),
                arguments("null status", upsert("T-1", 1).setField("status", null).bytes(), "invalid-field"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("undecodableValues")
    void shouldDeadLetterAtDeserializationWhenValueCannotBeDecoded(final String description, final byte[] value,
                                                                   final String reason) {
        harness = defaultHarness();
        harness.send("T-1", value);

        final TestRecord<byte[], byte[]> deadLetter = onlyDeadLetter();
        assertDeadLetter(deadLetter, "DESERIALIZATION", reason, TicketSyncTopology.SOURCE);
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(harness.output().isEmpty()).isTrue();
        assertThat(harness.appliedCount() + harness.skippedStaleCount()).isZero();
    }

    @Test
    void shouldDeadLetterAtDeserializationWhenKeyIsNull() {
        harness = defaultHarness();
        harness.sendRaw(null, upsert("T-1", 1).bytes(), null);

        final TestRecord<byte[], byte[]> deadLetter = onlyDeadLetter();
        assertDeadLetter(deadLetter, "DESERIALIZATION", "null-key", TicketSyncTopology.SOURCE);
        assertThat(deadLetter.key()).isNull();
    }

    @Test
    void shouldDeadLetterAtDeserializationWhenKeyIsNotUtf8() {
        harness = defaultHarness();
        final byte[] key = {(byte) 0xFF, (byte) 0xFE};
        harness.sendRaw(key, upsert("T-1", 1).bytes(), null);

        final TestRecord<byte[], byte[]> deadLetter = onlyDeadLetter();
        assertDeadLetter(deadLetter, "DESERIALIZATION", "invalid-key-encoding", TicketSyncTopology.SOURCE);
        assertThat(deadLetter.key()).isEqualTo(key);
    }

    static Stream<Arguments> unprocessableChanges() {
        return Stream.of(
                arguments("key differs from ticketId", "T-2", upsert("T-1", 1), "key-mismatch"),
                arguments("unmapped status", "T-1", upsert("T-1", 1).status("escalated"), "unmapped-status"),
                arguments("unmapped priority", "T-1", upsert("T-1", 1).priority("whenever"), "unmapped-priority"),
                arguments("first upsert without title", "T-1", upsert("T-1", 1).withoutField("title"),
                        "missing-initial-fields"),
                arguments("first upsert without status", "T-1", upsert("T-1", 1).withoutField("status"),
                        "missing-initial-fields"),
                arguments("first upsert without fields", "T-1", upsert("T-1", 1).without("fields"),
                        "missing-initial-fields"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("unprocessableChanges")
    void shouldDeadLetterAtProcessingWhenChangeCannotBeApplied(final String description, final String key,
                                                              final TicketChangeBuilder change, final String reason) {
        harness = defaultHarness();
        harness.send(key, change);

        final TestRecord<byte[], byte[]> deadLetter = onlyDeadLetter();
        assertDeadLetter(deadLetter, "PROCESSING", reason, TicketSyncTopology.PROCESSOR);
        assertThat(deadLetter.key()).isEqualTo(utf8(key));
        assertThat(deadLetter.value()).isEqualTo(change.bytes());
        assertThat(harness.output().isEmpty()).isTrue();
        assertThat(harness.appliedCount() + harness.skippedStaleCount()).isZero();
    }

    @Test
    void shouldDeadLetterAtProcessingWhenBusinessLogicThrowsUnexpectedly() {
        final TicketSyncConfig config = TestConfigs.defaults();
        final TicketApplier real = new TicketApplier(config.statusMapping(), config.priorityMapping());
        final TicketRules panicsOnT13 = (key, current, change) -> {
            if (key.equals("T-13")) {
                final TicketState missing = null;
                return Optional.of(new TicketState(missing.version() + 1, null));
            }
            return real.apply(key, current, change);
        };
        harness = new DriverHarness(TicketSyncTopology.build(config, panicsOnT13), config);

        harness.send(upsert("T-13", 1));
        harness.send(upsert("T-14", 1));

        final TestRecord<byte[], byte[]> deadLetter = onlyDeadLetter();
        assertDeadLetter(deadLetter, "PROCESSING", "unexpected-exception", TicketSyncTopology.PROCESSOR);
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION)).isEqualTo(NullPointerException.class.getName());
        assertThat(harness.output().readKeyValue().key).as("the stream goes on after the panic").isEqualTo("T-14");
    }

    @Test
    void shouldKeepOriginalKeyValueAndHeadersAndAddErrorHeaders() {
        harness = defaultHarness();
        final RecordHeaders original = new RecordHeaders();
        original.add("traceparent", utf8("00-trace-01"));
        original.add(DeadLetterHeaders.REASON, utf8("stale value from an earlier failure"));
        final byte[] value = upsert("T-1", 1).status("escalated").bytes();

        harness.sendRaw(utf8("T-1"), value, original);

        final TestRecord<byte[], byte[]> deadLetter = onlyDeadLetter();
        assertThat(deadLetter.key()).isEqualTo(utf8("T-1"));
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(deadLetter.timestamp()).isEqualTo(DriverHarness.START.toEpochMilli());
        assertThat(text(deadLetter.headers(), "traceparent")).isEqualTo("00-trace-01");
        assertThat(deadLetter.headers().headers(DeadLetterHeaders.REASON)).hasSize(1);
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("unmapped-status");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.TOPIC)).isEqualTo("tickets.changes");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION)).isEqualTo("io.ticketsync.failure.BadRecordException");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.MESSAGE)).contains("escalated").contains("no mapping");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.STACKTRACE)).contains("TicketApplier");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.APPLICATION_ID)).isEqualTo("ticket-sync");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.TASK_ID)).isEqualTo("0_0");
    }

    @Test
    void shouldCapStackTraceHeaderAtConfiguredSize() {
        final TicketSyncConfig config = TestConfigs.with(Map.of(ConfigKeys.DLQ_STACKTRACE_MAX_BYTES, "300"));
        harness = DriverHarness.of(config);

        harness.send("T-1", utf8("not json"));

        final byte[] stack = onlyDeadLetter().headers().lastHeader(DeadLetterHeaders.STACKTRACE).value();
        assertThat(stack.length).isLessThanOrEqualTo(300);
        assertThat(new String(stack, StandardCharsets.UTF_8)).startsWith("io.ticketsync.failure.BadRecordException")
                .endsWith("[truncated]");
    }

    @Test
    void shouldRecordSourceOffsetOfEachDeadLetter() {
        harness = defaultHarness();
        harness.send(upsert("T-1", 1));
        harness.send("T-1", utf8("{"));
        harness.send(upsert("T-2", 1));
        harness.send("T-9", upsert("T-2", 2));

        assertThat(harness.deadLetters().readRecordsToList())
                .extracting(record -> text(record.headers(), DeadLetterHeaders.OFFSET))
                .containsExactly("1", "3");
    }

    private static DriverHarness defaultHarness() {
        return DriverHarness.of(TestConfigs.defaults());
    }

    private TestRecord<byte[], byte[]> onlyDeadLetter() {
        assertThat(harness.deadLetters().getQueueSize()).as("dead letters").isEqualTo(1);
        return harness.deadLetters().readRecord();
    }

    private static void assertDeadLetter(final TestRecord<byte[], byte[]> deadLetter, final String stage,
                                         final String reason, final String node) {
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.STAGE)).isEqualTo(stage);
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo(reason);
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.PROCESSOR_NODE)).isEqualTo(node);
        for (final String header : DeadLetterHeaders.ALL) {
            if (DeadLetterHeaders.CONDITIONAL.contains(header)) {
                assertThat(deadLetter.headers().lastHeader(header)).as("header %s", header).isNull();
            } else {
                assertThat(deadLetter.headers().lastHeader(header)).as("header %s", header).isNotNull();
            }
        }
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
