package io.ticketsync.guard;

import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides which owned input partitions are stuck. A partition being processed is stuck when the
 * group's committed offset is below the last stable offset (input waits) and has not moved for the
 * stuck timeout; a partition whose task is restoring is stuck when its restore has made no progress
 * for the stuck timeout. A partition with nothing waiting is never stuck, however long it is quiet.
 *
 * <p>A clock only runs between two samples that both judged the partition in the same way: not
 * while the partition is owned by no thread of this instance, not while the instance is paused on
 * purpose, and a restore does not count as processing time (nor the other way round). A clock stops
 * but is not reset by those gaps, so a record that keeps killing the thread that takes it still
 * adds up to stuck; it restarts at zero when its offset (or restore) moves, or nothing waits.
 */
public final class ProgressWatchdog {

    /**
     * How long a partition's mark (committed offset, or restore progress) has stood still with
     * input waiting, as of sample {@code seenAt}.
     */
    private record Stall(long mark, boolean waiting, long nanos, long seenAt) {

        Stall next(final long newMark, final boolean nowWaiting, final long elapsedNanos, final long sample) {
            if (!nowWaiting || !waiting || newMark != mark) {
                return new Stall(newMark, nowWaiting, 0, sample);
            }
            return new Stall(mark, true, seenAt == sample - 1 ? nanos + elapsedNanos : nanos, sample);
        }
    }

    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Map<TopicPartition, Stall> processing = new HashMap<>();
    private final Map<TopicPartition, Stall> restoring = new HashMap<>();
    private long sample;
    private long lastSampleNanos;
    private List<String> stuck = List.of();

    public ProgressWatchdog(final Duration timeout, final LongSupplier nanoClock) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
        this.lastSampleNanos = nanoClock.getAsLong();
    }

    /**
     * Judges every owned partition: those in {@code restores} (restore progress marks) by their
     * restore, the others by their {@code offsets}; a partition without offsets is not judged.
     * Returns the partitions now stuck, described.
     */
    synchronized List<String> sample(final Set<TopicPartition> owned, final Map<TopicPartition, Long> restores,
                                     final Map<TopicPartition, PartitionOffsets> offsets) {
        final long now = nanoClock.getAsLong();
        final long elapsed = now - lastSampleNanos;
        lastSampleNanos = now;
        sample++;
        final List<String> stuckNow = new ArrayList<>();
        owned.stream().sorted(Comparator.comparing(TopicPartition::toString)).forEach(partition -> {
            final Long restore = restores.get(partition);
            if (restore != null) {
                final Stall stall = advance(restoring, partition, restore, true, elapsed);
                if (stall.nanos() > timeoutNanos) {
                    stuckNow.add(partition + ": restoring its state, no restore progress for " + seconds(stall) + " s");
                }
                return;
            }
            // The next restore of this partition is judged from its own start.
            restoring.remove(partition);
            final PartitionOffsets offset = offsets.get(partition);
            if (offset == null) {
                return;
            }
            final Stall stall = advance(processing, partition, offset.committed(), offset.waiting() > 0, elapsed);
            if (stall.nanos() > timeoutNanos) {
                stuckNow.add(partition + ": " + offset.waiting() + " records waiting, committed offset "
                        + offset.committed() + " unchanged for " + seconds(stall) + " s");
            }
        });
        // Partitions not owned right now keep their clocks (bounded by the partition count).
        stuck = List.copyOf(stuckNow);
        return stuck;
    }

    /** The instance is paused on purpose: judge nothing, and let no clock count this time. */
    synchronized void paused() {
        lastSampleNanos = nanoClock.getAsLong();
        sample++;
        stuck = List.of();
    }

    /** The result of the latest sample. */
    public synchronized List<String> stuck() {
        return stuck;
    }

    private Stall advance(final Map<TopicPartition, Stall> stalls, final TopicPartition partition, final long mark,
                          final boolean waiting, final long elapsed) {
        final Stall last = stalls.get(partition);
        final Stall next = last == null ? new Stall(mark, waiting, 0, sample) : last.next(mark, waiting, elapsed, sample);
        stalls.put(partition, next);
        return next;
    }

    private static long seconds(final Stall stall) {
        return Duration.ofNanos(stall.nanos()).toSeconds();
    }
}
