package io.ticketsync.deadletter.routing;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.failure.BadRecordException;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import io.ticketsync.codec.RecordSizes;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.testing.FixedErrorContext;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.FallbackTimestampExtractor;
import io.ticketsync.topology.TimestampWindow;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.ticketsync.testing.Headers.text;
import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRecordFactoryTest {

    private static final List<String> DROP_ORDER = List.of("stacktrace", "message", "value", "headers", "key");
    /** What a dead letter keeps however small it must get. */
    private static final List<String> ALWAYS_KEPT = List.of(DeadLetterHeaders.EXCEPTION, DeadLetterHeaders.TOPIC,
            DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET, DeadLetterHeaders.STAGE, DeadLetterHeaders.REASON,
            DeadLetterHeaders.APPLICATION_ID, DeadLetterHeaders.TASK_ID, DeadLetterHeaders.PROCESSOR_NODE);

    private static final long NOW = System.currentTimeMillis();
    private static final byte[] KEY = bytes('k', 20_000);
    private static final byte[] VALUE = bytes('v', 50_000);
    private static final Exception FAILURE = new BadRecordException(Reason.INVALID_JSON, "m".repeat(5_000));

    @Test
    void shouldCopyTheInputTimestampWhenItIsValid() {
        final ProducerRecord<byte[], byte[]> deadLetter = factory(1_000_000).build(ErrorStage.DESERIALIZATION,
                Reason.INVALID_JSON, context(0L, new RecordHeaders()), KEY, VALUE, FAILURE);

        assertThat(deadLetter.timestamp()).isZero();
        assertThat(deadLetter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isNull();
    }

    @Test
    void shouldLeaveTheTimestampToTheProducerAndKeepTheOriginalInAHeaderWhenTheInputTimestampIsNegative() {
        final ProducerRecord<byte[], byte[]> deadLetter = factory(1_000_000).build(ErrorStage.DESERIALIZATION,
                Reason.INVALID_JSON, context(-1L, new RecordHeaders()), KEY, VALUE, FAILURE);

        assertThat(deadLetter.timestamp()).isNull();
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo("-1");
        assertThat(deadLetter.value()).isEqualTo(VALUE);
    }

    @Test
    void shouldKeepTheNegativeOriginalAndTheProcessingTimestampWhenTheExtractorReplacedIt() {
        // After the extractor: the context holds its substitute, the original is in its header.
        final RecordHeaders headers = new RecordHeaders();
        headers.add(FallbackTimestampExtractor.ORIGINAL_TIMESTAMP, "-1".getBytes(StandardCharsets.UTF_8));

        final ProducerRecord<byte[], byte[]> deadLetter = factory(1_000_000).build(ErrorStage.PROCESSING,
                Reason.UNMAPPED_STATUS, context(NOW, headers), KEY, VALUE, FAILURE);

        assertThat(deadLetter.timestamp()).isEqualTo(NOW);
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo("-1");
        assertThat(deadLetter.headers().headers(FallbackTimestampExtractor.ORIGINAL_TIMESTAMP))
                .as("not part of the original record").isEmpty();
    }

    @Test
    void shouldLeaveTheTimestampToTheProducerWhenTheDeadLetterTopicWouldRefuseIt() {
        final DeadLetterRecordFactory factory = new DeadLetterRecordFactory(TestConfigs.defaults(),
                new TimestampWindow(60_000L, 3_600_000L), () -> NOW);

        final ProducerRecord<byte[], byte[]> deadLetter = factory.build(ErrorStage.DESERIALIZATION,
                Reason.INVALID_JSON, context(NOW - 86_400_000L, new RecordHeaders()), KEY, VALUE, FAILURE);

        assertThat(deadLetter.timestamp()).isNull();
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.ORIGINAL_TIMESTAMP))
                .isEqualTo(String.valueOf(NOW - 86_400_000L));
    }

    @Test
    void shouldIgnoreAnExtractorHeaderFromOutsideWhenDeadLetteringBeforeTheExtractorRan() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(FallbackTimestampExtractor.ORIGINAL_TIMESTAMP, "7".getBytes(StandardCharsets.UTF_8));

        final ProducerRecord<byte[], byte[]> deadLetter = factory(1_000_000).build(ErrorStage.DESERIALIZATION,
                Reason.INVALID_JSON, context(0L, headers), KEY, VALUE, FAILURE);

        assertThat(deadLetter.timestamp()).isZero();
        assertThat(deadLetter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isNull();
    }

    @Test
    void shouldKeepEverythingAndAddNoOmittedHeaderWhenTheDeadLetterFits() {
        final ProducerRecord<byte[], byte[]> deadLetter = build(1_000_000, largeHeaders());

        assertThat(deadLetter.key()).isEqualTo(KEY);
        assertThat(deadLetter.value()).isEqualTo(VALUE);
        assertThat(deadLetter.headers().lastHeader(DeadLetterHeaders.STACKTRACE)).isNotNull();
        assertThat(deadLetter.headers().lastHeader("trace-id")).isNotNull();
        assertThat(deadLetter.headers().lastHeader(DeadLetterHeaders.OMITTED)).isNull();
    }

    @Test
    void shouldLeaveOutStackTraceThenMessageThenValueThenHeadersThenKeyWhenOverTheLimit() {
        final int full = size(build(Integer.MAX_VALUE, largeHeaders()));
        final int stackTrace = headerSize(DeadLetterHeaders.STACKTRACE);

        assertThat(omitted(build(full - 1, largeHeaders()))).isEqualTo("stacktrace");
        assertThat(omitted(build(full - stackTrace - 1, largeHeaders()))).isEqualTo("stacktrace,message");
        assertThat(omitted(build(full - VALUE.length, largeHeaders()))).isEqualTo("stacktrace,message,value");
        assertThat(omitted(build(KEY.length + 10_000, largeHeaders()))).isEqualTo("stacktrace,message,value,headers");
        assertThat(omitted(build(10_000, largeHeaders()))).isEqualTo("stacktrace,message,value,headers,key");
    }

    @Test
    void shouldKeepTheTraceContextWhenTheOriginalHeadersAreLeftOut() {
        final String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        final RecordHeaders headers = largeHeaders();
        headers.add(DeadLetterHeaders.TRACEPARENT, trace.getBytes(StandardCharsets.UTF_8));

        final ProducerRecord<byte[], byte[]> deadLetter = build(KEY.length + 10_000, headers);

        assertThat(omitted(deadLetter)).isEqualTo("stacktrace,message,value,headers");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.TRACEPARENT)).isEqualTo(trace);
    }

    @Test
    void shouldNeverExceedTheLimitWhenItIsAboveTheSmallestForm() {
        final int smallest = size(build(1, largeHeaders()));
        final int full = size(build(Integer.MAX_VALUE, largeHeaders()));

        for (int limit = smallest; limit <= full + 100; limit += 997) {
            final ProducerRecord<byte[], byte[]> deadLetter = build(limit, largeHeaders());
            assertThat(size(deadLetter)).as("size under limit %d", limit).isLessThanOrEqualTo(limit);
            final String omitted = omitted(deadLetter);
            assertThat(omitted == null ? List.of() : List.of(omitted.split(",")))
                    .as("left out in order under limit %d", limit)
                    .isEqualTo(DROP_ORDER.subList(0, omitted == null ? 0 : omitted.split(",").length));
        }
    }

    @Test
    void shouldAlwaysKeepCoordinatesStageReasonExceptionAndOriginWhenEverythingElseIsLeftOut() {
        final ProducerRecord<byte[], byte[]> deadLetter = build(1, largeHeaders());

        assertThat(deadLetter.key()).isNull();
        assertThat(deadLetter.value()).isNull();
        assertThat(Arrays.stream(deadLetter.headers().toArray()).map(Header::key))
                .containsAll(ALWAYS_KEPT).doesNotContain("trace-id", DeadLetterHeaders.MESSAGE, DeadLetterHeaders.STACKTRACE);
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("invalid-json");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("42");
    }

    @Test
    void shouldNotListPartsTheInputNeverHadWhenOverTheLimit() {
        final ProducerRecord<byte[], byte[]> deadLetter = factory(KEY.length + 1_000).build(ErrorStage.DESERIALIZATION,
                Reason.NULL_VALUE, context(5L, largeHeaders()), KEY, null, FAILURE);

        assertThat(omitted(deadLetter)).isEqualTo("stacktrace,message,headers");
        assertThat(deadLetter.key()).isEqualTo(KEY);
    }

    @Test
    void shouldDropStaleErrorHeadersFromTheOriginalWhenARecordIsDeadLetteredAgain() {
        final RecordHeaders original = new RecordHeaders();
        original.add(DeadLetterHeaders.OMITTED, "value".getBytes(StandardCharsets.UTF_8));
        original.add(DeadLetterHeaders.ORIGINAL_TIMESTAMP, "-1".getBytes(StandardCharsets.UTF_8));

        final ProducerRecord<byte[], byte[]> deadLetter = build(1_000_000, original);

        assertThat(deadLetter.headers().lastHeader(DeadLetterHeaders.OMITTED)).isNull();
        assertThat(deadLetter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isNull();
    }

    private static ProducerRecord<byte[], byte[]> build(final int maxBytes, final RecordHeaders headers) {
        return factory(maxBytes).build(ErrorStage.DESERIALIZATION, Reason.INVALID_JSON, context(5L, headers), KEY,
                VALUE, FAILURE);
    }

    private static DeadLetterRecordFactory factory(final int maxBytes) {
        // The config refuses limits above max.request.size; raise that so any limit can be tried.
        return new DeadLetterRecordFactory(TestConfigs.with(Map.of(
                ConfigKeys.DLQ_MAX_RECORD_BYTES, String.valueOf(maxBytes),
                "max.request.size", String.valueOf(Integer.MAX_VALUE))));
    }

    private static FixedErrorContext context(final long timestamp, final RecordHeaders headers) {
        return new FixedErrorContext("tickets.changes", 2, 42, headers, "ticket-changes-source", new TaskId(0, 2),
                timestamp, KEY, VALUE);
    }

    /** 30 KB of original headers, one with a null value. */
    private static RecordHeaders largeHeaders() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", bytes('t', 10_000));
        headers.add("origin", bytes('o', 20_000));
        headers.add("empty", null);
        return headers;
    }

    private static int headerSize(final String name) {
        return build(Integer.MAX_VALUE, largeHeaders()).headers().lastHeader(name).value().length;
    }

    private static int size(final ProducerRecord<byte[], byte[]> record) {
        return RecordSizes.estimate(record.key(), record.value(), record.headers());
    }

    private static String omitted(final ProducerRecord<byte[], byte[]> record) {
        return text(record.headers(), DeadLetterHeaders.OMITTED);
    }

    private static byte[] bytes(final char fill, final int length) {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
