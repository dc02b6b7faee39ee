package io.ticketsync.topology;

/**
 * The record timestamps a topic accepts, relative to the broker's clock: at most
 * {@code beforeMaxMs} in the past and {@code afterMaxMs} in the future (the topic's
 * {@code message.timestamp.before.max.ms} and {@code message.timestamp.after.max.ms}, or the
 * broker's {@code log.message.timestamp.*} defaults). A record outside it is refused, and a
 * refused output, changelog or dead-letter record fails its task on every retry.
 */
public record TimestampWindow(long beforeMaxMs, long afterMaxMs) {

    /** Kafka's defaults since 4.0: any age, at most an hour ahead. */
    public static final TimestampWindow KAFKA_DEFAULT = new TimestampWindow(Long.MAX_VALUE, 3_600_000L);
    /** A topic that stamps records itself ({@code LogAppendTime}) accepts any timestamp. */
    public static final TimestampWindow UNBOUNDED = new TimestampWindow(Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * The most taken off either side: a record is written a little after it is read (caching, the
     * commit interval, the producer's linger) and the broker's clock is not quite ours.
     */
    private static final long MAX_MARGIN_MS = 60_000;

    public TimestampWindow {
        if (beforeMaxMs < 0 || afterMaxMs < 0) {
            throw new IllegalArgumentException("a timestamp window cannot be negative: before " + beforeMaxMs
                    + " ms, after " + afterMaxMs + " ms");
        }
    }

    /** What all of {@code this} and {@code other} accept. */
    public TimestampWindow narrowedTo(final TimestampWindow other) {
        return new TimestampWindow(Math.min(beforeMaxMs, other.beforeMaxMs), Math.min(afterMaxMs, other.afterMaxMs));
    }

    /**
     * True when a record stamped {@code timestamp} and written about {@code now} will be accepted,
     * with half of each side, at most a minute, kept as margin. Negative timestamps never are.
     */
    public boolean accepts(final long timestamp, final long now) {
        if (timestamp < 0) {
            return false;
        }
        // Both are non-negative, so neither difference overflows.
        return within(now - timestamp, beforeMaxMs) && within(timestamp - now, afterMaxMs);
    }

    /** Long.MAX_VALUE, Kafka's "no limit", is no limit here either. */
    private static boolean within(final long distance, final long side) {
        return side == Long.MAX_VALUE || distance <= side - Math.min(side / 2, MAX_MARGIN_MS);
    }
}
