package io.ticketsync.runtime;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Detects stuck processing: an input partition with records waiting (lag > 0) whose committed
 * offset has not moved for longer than the stuck timeout. A partition with nothing waiting is never
 * stuck, however long it stays quiet.
 */
final class ProgressWatchdog {

    /** The committed offset last seen, and since when input has been waiting at that offset. */
    private record Progress(long committed, long sinceNanos, boolean waiting) {
    }

    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Map<TopicPartition, Progress> progress = new HashMap<>();
    private List<String> stuck = List.of();

    ProgressWatchdog(final Duration timeout, final LongSupplier nanoClock) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Records the active tasks' offsets; returns the partitions now considered stuck. */
    synchronized List<String> sample(final Collection<TaskMetadata> activeTasks) {
        final long now = nanoClock.getAsLong();
        final Set<TopicPartition> seen = new HashSet<>();
        final List<String> stuckNow = new ArrayList<>();
        for (final TaskMetadata task : activeTasks) {
            for (final TopicPartition partition : task.topicPartitions()) {
                seen.add(partition);
                final long committed = task.committedOffsets().getOrDefault(partition, -1L);
                final long end = task.endOffsets().getOrDefault(partition, -1L);
                final long lag = end < 0 ? 0 : end - Math.max(committed, 0);
                final Progress last = progress.get(partition);
                if (lag <= 0) {
                    progress.put(partition, new Progress(committed, now, false));
                } else if (last == null || last.committed() != committed || !last.waiting()) {
                    progress.put(partition, new Progress(committed, now, true));
                } else if (now - last.sinceNanos() > timeoutNanos) {
                    stuckNow.add(partition + " (task " + task.taskId() + "): " + lag + " records waiting, committed offset "
                            + committed + " unchanged for " + Duration.ofNanos(now - last.sinceNanos()).toSeconds() + " s");
                }
            }
        }
        progress.keySet().retainAll(seen);
        stuck = List.copyOf(stuckNow);
        return stuck;
    }

    /** The result of the latest sample. */
    synchronized List<String> stuck() {
        return stuck;
    }
}
