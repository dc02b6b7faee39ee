package io.ticketsync.guard;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Detects stuck processing: an input partition with records waiting whose committed offset has not
 * moved for longer than the stuck timeout. A partition with nothing waiting is never stuck, however
 * long it stays quiet.
 *
 * <p>Waiting is measured from two sources: the highest offset the task has seen (Kafka reports it
 * inclusive, so one polled record stuck in memory is one record waiting), and, for a thread that
 * no longer polls, the broker's log-end offset. A partition's clock survives reassignment: it
 * restarts only when the committed offset moves or nothing waits, so a record that keeps killing
 * the thread that takes it is still flagged.
 */
public final class ProgressWatchdog {

    /** The committed offset last seen, and since when input has been waiting at that offset. */
    private record Progress(long committed, long sinceNanos, boolean waiting) {
    }

    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Map<TopicPartition, Progress> progress = new HashMap<>();
    private List<String> stuck = List.of();

    public ProgressWatchdog(final Duration timeout, final LongSupplier nanoClock) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Records the active tasks' offsets; returns the partitions now considered stuck. */
    synchronized List<String> sample(final Collection<TaskMetadata> activeTasks) {
        return sample(activeTasks, Map.of());
    }

    /**
     * Records the active tasks' offsets, with the broker's log-end offsets (exclusive) for
     * partitions whose thread has stopped polling; returns the partitions now considered stuck.
     */
    synchronized List<String> sample(final Collection<TaskMetadata> activeTasks,
                                     final Map<TopicPartition, Long> brokerEndOffsets) {
        final long now = nanoClock.getAsLong();
        final List<String> stuckNow = new ArrayList<>();
        for (final TaskMetadata task : activeTasks) {
            for (final TopicPartition partition : task.topicPartitions()) {
                final long committed = task.committedOffsets().getOrDefault(partition, -1L);
                final long lag = lag(committed, task.endOffsets().getOrDefault(partition, -1L),
                        brokerEndOffsets.getOrDefault(partition, -1L));
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
        // Partitions not assigned right now keep their clock (bounded by the partition count).
        stuck = List.copyOf(stuckNow);
        return stuck;
    }

    /** The result of the latest sample. */
    public synchronized List<String> stuck() {
        return stuck;
    }

    /**
     * Records waiting past the committed offset. {@code highestSeen} is inclusive (Kafka's
     * {@code TaskMetadata.endOffsets()}), {@code brokerEnd} exclusive; -1 means unknown.
     */
    static long lag(final long committed, final long highestSeen, final long brokerEnd) {
        final long next = Math.max(highestSeen < 0 ? -1 : highestSeen + 1, brokerEnd);
        if (next < 0) {
            return 0;
        }
        return next - Math.max(committed, 0);
    }
}
