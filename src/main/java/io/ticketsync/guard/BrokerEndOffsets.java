package io.ticketsync.guard;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The broker's log-end offsets (last stable offset, exclusive), asked for only when needed. */
public final class BrokerEndOffsets implements AutoCloseable {

    private final Supplier<Admin> adminFactory;
    private final Duration timeout;
    private Admin admin;

    public BrokerEndOffsets(final Supplier<Admin> adminFactory, final Duration timeout) {
        this.adminFactory = adminFactory;
        this.timeout = timeout;
    }

    /** @throws IllegalStateException when the broker does not answer within the timeout */
    synchronized Map<TopicPartition, Long> of(final Collection<TopicPartition> partitions) throws InterruptedException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        if (admin == null) {
            admin = adminFactory.get();
        }
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        try {
            final Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read log-end offsets of " + partitions + " from the broker: " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
