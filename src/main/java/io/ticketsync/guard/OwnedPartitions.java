package io.ticketsync.guard;

import org.apache.kafka.common.TopicPartition;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The input partitions this instance owns, as its main consumers last saw their assignments. Each
 * consumer publishes an immutable snapshot from its own stream thread after every poll, since a
 * consumer is not thread-safe and must not be asked from the watchdog's thread; and forgets it when
 * it closes. Kafka Streams' own {@code metadataForLocalThreads()} is rebuilt only when a thread
 * enters RUNNING, so it misses partitions assigned since and keeps tasks closed since.
 */
public final class OwnedPartitions {

    private final Map<Object, Set<TopicPartition>> byConsumer = new ConcurrentHashMap<>();

    /** Called on the consumer's own thread, with what {@code assignment()} returned there. */
    public void publish(final Object consumer, final Set<TopicPartition> assignment) {
        byConsumer.put(consumer, Set.copyOf(assignment));
    }

    public void forget(final Object consumer) {
        byConsumer.remove(consumer);
    }

    /** Every partition any open main consumer was assigned at its latest poll. */
    public Set<TopicPartition> all() {
        final Set<TopicPartition> all = new HashSet<>();
        byConsumer.values().forEach(all::addAll);
        return Set.copyOf(all);
    }
}
