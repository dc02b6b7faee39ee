package io.ticketsync.deadletter.tools;

import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** One record of the dead-letter topic, with its error headers read out. */
public record DeadLetter(int partition, long offset, Instant timestamp, byte[] key, byte[] value, Headers headers,
                         String stage, String reason, String sourceTopic, int sourcePartition, long sourceOffset,
                         String exception, String message, int replayCount) {

    /** Counts how often a record was sent back (to the replay topic) by {@code dlq replay}. */
    public static final String REPLAY_COUNT_HEADER = "ticketsync.replay.count";

    public static DeadLetter of(final ConsumerRecord<byte[], byte[]> record) {
        final Headers headers = record.headers();
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), record.value(), headers,
                text(headers, DeadLetterHeaders.STAGE, "UNKNOWN"),
                text(headers, DeadLetterHeaders.REASON, "unknown"),
                text(headers, DeadLetterHeaders.TOPIC, ""),
                (int) number(headers, DeadLetterHeaders.PARTITION),
                number(headers, DeadLetterHeaders.OFFSET),
                text(headers, DeadLetterHeaders.EXCEPTION, ""),
                text(headers, DeadLetterHeaders.MESSAGE, ""),
                (int) Math.max(0, number(headers, REPLAY_COUNT_HEADER)));
    }

    /**
     * False when the letter was cut down to fit the dead-letter topic and lost part of the
     * original record (key, value or headers): replaying it would send something else.
     */
    public boolean isComplete() {
        final String omitted = text(headers, DeadLetterHeaders.OMITTED, "");
        return Arrays.stream(omitted.split(",")).map(String::trim)
                .noneMatch(DeadLetterHeaders.OMITTED_ORIGINAL_PARTS::contains);
    }

    /** The original record's W3C trace context, or null. */
    public String traceparent() {
        return text(headers, DeadLetterHeaders.TRACEPARENT, null);
    }

    /** The stack trace the error headers carry (cut to dlq.stacktrace.max.bytes), or "". */
    public String stackTrace() {
        return text(headers, DeadLetterHeaders.STACKTRACE, "");
    }

    /** The record key as text: the ticket id for a well-formed change. */
    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The start of the value as readable text, control characters escaped. */
    public String valueExcerpt(final int maxChars) {
        if (value == null) {
            return "<null>";
        }
        final String text = new String(value, StandardCharsets.UTF_8);
        final StringBuilder excerpt = new StringBuilder();
        for (int i = 0; i < text.length() && excerpt.length() < maxChars; i++) {
            final char c = text.charAt(i);
            excerpt.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return excerpt.length() < text.length() ? excerpt + "..." : excerpt.toString();
    }

    private static String text(final Headers headers, final String name, final String absent) {
        final Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? absent : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(final Headers headers, final String name) {
        try {
            return Long.parseLong(text(headers, name, "-1"));
        } catch (final NumberFormatException e) {
            return -1;
        }
    }
}
