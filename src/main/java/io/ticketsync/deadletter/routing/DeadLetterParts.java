package io.ticketsync.deadletter.routing;

import io.ticketsync.codec.RecordSizes;
import org.apache.kafka.common.header.Header;

import java.util.List;
import java.util.stream.Stream;

/**
 * A dead letter's content before it becomes a record: the original key, value and headers, and the
 * error headers, kept apart so that {@link DeadLetterSizeLimit} can leave parts out.
 */
record DeadLetterParts(byte[] key, byte[] value, List<Header> originalHeaders, List<Header> errorHeaders) {

    /** A W3C traceparent is 55 characters; anything much longer is not one. */
    private static final int MAX_TRACEPARENT_BYTES = 128;

    DeadLetterParts {
        originalHeaders = List.copyOf(originalHeaders);
        errorHeaders = List.copyOf(errorHeaders);
    }

    /** The original headers first, then the error headers. */
    Header[] headers() {
        return Stream.concat(originalHeaders.stream(), errorHeaders.stream()).toArray(Header[]::new);
    }

    /** What the producer will count against {@code max.request.size}. */
    int sizeInBytes() {
        return RecordSizes.estimate(key, value, headers());
    }

    boolean hasErrorHeader(final String name) {
        return errorHeaders.stream().anyMatch(header -> header.key().equals(name));
    }

    DeadLetterParts withoutErrorHeader(final String name) {
        return new DeadLetterParts(key, value, originalHeaders,
                errorHeaders.stream().filter(header -> !header.key().equals(name)).toList());
    }

    DeadLetterParts withErrorHeader(final Header header) {
        return new DeadLetterParts(key, value, originalHeaders,
                Stream.concat(errorHeaders.stream(), Stream.of(header)).toList());
    }

    DeadLetterParts withoutValue() {
        return new DeadLetterParts(key, null, originalHeaders, errorHeaders);
    }

    /** Without the original headers, except a W3C trace context of sane size: it ties the letter to its trace. */
    DeadLetterParts withoutOriginalHeaders() {
        return new DeadLetterParts(key, value, originalHeaders.stream().filter(DeadLetterParts::keptWithoutHeaders).toList(),
                errorHeaders);
    }

    /** True when {@link #withoutOriginalHeaders()} would leave something out. */
    boolean hasOriginalHeadersToLeaveOut() {
        return !originalHeaders.stream().allMatch(DeadLetterParts::keptWithoutHeaders);
    }

    private static boolean keptWithoutHeaders(final Header header) {
        return DeadLetterHeaders.TRACEPARENT.equals(header.key()) && header.value() != null
                && header.value().length <= MAX_TRACEPARENT_BYTES;
    }

    DeadLetterParts withoutKey() {
        return new DeadLetterParts(null, value, originalHeaders, errorHeaders);
    }
}
