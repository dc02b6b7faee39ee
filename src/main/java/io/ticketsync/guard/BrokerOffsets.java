package io.ticketsync.guard;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

/**
 * Asks the broker where the application's consumer group stands on each partition: its committed
 * offset and the partition's last stable offset. The broker's answer, not the stream threads' own
 * view, which a stuck thread stops updating.
 */
public final class BrokerOffsets implements ProgressSampler.Offsets, AutoCloseable {

    private final Supplier<Admin> adminFactory;
    private final String groupId;
    private final Duration timeout;
    private Admin admin;

    /** @param timeout how long one question may take; past it the sample fails (and the next one asks again) */
    public BrokerOffsets(final Supplier<Admin> adminFactory, final String groupId, final Duration timeout) {
        this.adminFactory = adminFactory;
        this.groupId = groupId;
        this.timeout = timeout;
    }

    /** @throws IllegalStateException when the broker does not answer within the timeout */
    @Override
    public synchronized Map<TopicPartition, PartitionOffsets> of(final Collection<TopicPartition> partitions)
            throws InterruptedException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        if (admin == null) {
            admin = adminFactory.get();
        }
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                            Map.of(groupId, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
                            new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs()))
                    .partitionsToOffsetAndMetadata(groupId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final Map<TopicPartition, Long> lastStable = offsets(partitions, OffsetSpec.latest());
            final Map<TopicPartition, PartitionOffsets> result = new HashMap<>();
            final Map<TopicPartition, Long> logStart = offsets(partitions.stream()
                    .filter(partition -> committed.get(partition) == null).toList(), OffsetSpec.earliest());
            for (final TopicPartition partition : partitions) {
                final OffsetAndMetadata offset = committed.get(partition);
                // Kafka Streams commits only partitions it has consumed from; until then processing
                // starts at the log start (auto.offset.reset=earliest, Kafka Streams' default).
                final Long from = offset != null ? Long.valueOf(offset.offset()) : logStart.get(partition);
                final Long end = lastStable.get(partition);
                if (from != null && end != null) {
                    result.put(partition, new PartitionOffsets(from, end));
                }
            }
            return result;
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + partitions + " from the broker: " + e, e);
        }
    }

    private Map<TopicPartition, Long> offsets(final Collection<TopicPartition> partitions, final OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        final Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(partition -> specs.put(partition, spec));
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs()))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
