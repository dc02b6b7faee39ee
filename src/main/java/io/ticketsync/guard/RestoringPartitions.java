package io.ticketsync.guard;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The input partitions whose task is restoring its state, each with a mark that changes whenever
 * its restore makes progress (starts, or restores a batch), so the watchdog judges a restore by
 * its own progress rather than by a committed offset that cannot move until it ends.
 *
 * <p>Kafka Streams calls it from its restoring threads and turns anything it throws into a failed
 * thread, so every method only updates a concurrent map.
 */
public final class RestoringPartitions implements StateRestoreListener {

    private final String inputTopic;
    private final AtomicLong events = new AtomicLong();
    private final Map<TopicPartition, Long> progress = new ConcurrentHashMap<>();

    public RestoringPartitions(final String inputTopic) {
        this.inputTopic = inputTopic;
    }

    @Override
    public void onRestoreStart(final TopicPartition changelog, final String storeName, final long startingOffset,
                               final long endingOffset) {
        progress.put(inputOf(changelog), events.incrementAndGet());
    }

    @Override
    public void onBatchRestored(final TopicPartition changelog, final String storeName, final long batchEndOffset,
                                final long numRestored) {
        progress.put(inputOf(changelog), events.incrementAndGet());
    }

    @Override
    public void onRestoreEnd(final TopicPartition changelog, final String storeName, final long totalRestored) {
        progress.remove(inputOf(changelog));
    }

    @Override
    public void onRestoreSuspended(final TopicPartition changelog, final String storeName, final long totalRestored) {
        progress.remove(inputOf(changelog));
    }

    /** Input partitions restoring right now, each with its latest progress mark. */
    Map<TopicPartition, Long> progress() {
        return Map.copyOf(progress);
    }

    /**
     * The topology has one sub-topology, so task 0_n reads input partition n and its one store
     * writes changelog partition n (the changelog has as many partitions as the input). A second
     * sub-topology or store would need the task's own mapping (and one entry per store).
     */
    private TopicPartition inputOf(final TopicPartition changelog) {
        return new TopicPartition(inputTopic, changelog.partition());
    }
}
