package io.ticketsync.guard;

import java.util.Map;
import java.util.TreeMap;

/**
 * The first and last input offset of the dead letters since the brake was armed, per input
 * partition: what an operator replays once the cause is fixed. Bounded by the partition count.
 */
final class DeadLetterSpan {

    private final Map<String, long[]> byPartition = new TreeMap<>();

    void add(final String topic, final int partition, final long offset) {
        final long[] span = byPartition.computeIfAbsent(topic + "-" + partition, unused -> new long[]{offset, offset});
        span[0] = Math.min(span[0], offset);
        span[1] = Math.max(span[1], offset);
    }

    void clear() {
        byPartition.clear();
    }

    /** E.g. "tickets.changes-0@12..40, tickets.changes-3@7..7"; "no partition" when empty. */
    String describe() {
        if (byPartition.isEmpty()) {
            return "no partition";
        }
        final StringBuilder text = new StringBuilder();
        byPartition.forEach((partition, span) -> text.append(text.length() == 0 ? "" : ", ").append(partition).append('@')
                .append(span[0]).append("..").append(span[1]));
        return text.toString();
    }
}
