package io.ticketsync.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Letters per time slot and kind, kept as letters come and go, so the overview's timeline never
 * walks the letters. Slots start a minute wide and double in width whenever there would be more than
 * {@value #MAX_SLOTS}: a few hundred kilobytes at most, whatever the span of time. Not thread-safe:
 * {@link LetterIndex} locks.
 */
final class TimelineCounts {

    private static final long FIRST_WIDTH_MS = Duration.ofMinutes(1).toMillis();
    private static final int MAX_SLOTS = 4096;

    private long widthMs = FIRST_WIDTH_MS;
    /** Slot number (timestamp / width) to letters per kind. */
    private TreeMap<Long, long[]> slots = new TreeMap<>();

    void count(final long timestampMs, final int kind, final int delta) {
        final long slot = Math.floorDiv(timestampMs, widthMs);
        final long[] counts = slots.get(slot);
        final long[] sized = counts == null ? new long[kind + 1] : counts.length > kind ? counts : Arrays.copyOf(counts, kind + 1);
        sized[kind] += delta;
        if (delta < 0 && Arrays.stream(sized).allMatch(count -> count == 0)) {
            slots.remove(slot);
        } else if (sized != counts) {
            slots.put(slot, sized);
        }
        if (slots.size() > MAX_SLOTS) {
            widen();
        }
    }

    void clear() {
        slots = new TreeMap<>();
        widthMs = FIRST_WIDTH_MS;
    }

    /**
     * Letters per bucket and STAGE/reason, from the bucket holding the first letter to the one holding
     * the last; buckets are {@code requested} wide, or wider (a multiple of the slot width) so there
     * are at most {@code maxBuckets} (+1 for alignment).
     */
    List<Overview.TimeBucket> buckets(final Duration requested, final int maxBuckets, final LetterKinds kinds) {
        if (slots.isEmpty()) {
            return List.of();
        }
        final long firstMs = slots.firstKey() * widthMs;
        final long lastMs = (slots.lastKey() + 1) * widthMs - 1;
        final long spanMs = lastMs - firstMs + 1;
        final long wanted = Math.max(requested.toMillis(), (spanMs + maxBuckets - 1) / maxBuckets);
        final long bucketMs = (wanted + widthMs - 1) / widthMs * widthMs;
        final long startMs = Math.floorDiv(firstMs, bucketMs) * bucketMs;
        final int count = (int) ((lastMs - startMs) / bucketMs) + 1;
        final List<Map<String, Long>> counts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            counts.add(new TreeMap<>());
        }
        slots.forEach((slot, perKind) -> {
            final Map<String, Long> bucket = counts.get((int) ((slot * widthMs - startMs) / bucketMs));
            for (int kind = 0; kind < perKind.length; kind++) {
                if (perKind[kind] > 0) {
                    final LetterKinds.Kind named = kinds.kind(kind);
                    bucket.merge(named.stage() + "/" + named.reason(), perKind[kind], Long::sum);
                }
            }
        });
        final List<Overview.TimeBucket> buckets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            buckets.add(new Overview.TimeBucket(Instant.ofEpochMilli(startMs + i * bucketMs),
                    Instant.ofEpochMilli(startMs + (i + 1) * bucketMs), Map.copyOf(counts.get(i))));
        }
        return buckets;
    }

    private void widen() {
        final TreeMap<Long, long[]> wider = new TreeMap<>();
        slots.forEach((slot, perKind) -> wider.merge(Math.floorDiv(slot, 2), perKind, TimelineCounts::sum));
        slots = wider;
        widthMs *= 2;
    }

    private static long[] sum(final long[] one, final long[] other) {
        final long[] sum = Arrays.copyOf(one, Math.max(one.length, other.length));
        for (int i = 0; i < other.length; i++) {
            sum[i] += other[i];
        }
        return sum;
    }
}
