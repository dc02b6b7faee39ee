package io.ticketsync.runtime;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.Map;

/**
 * A stream thread's main consumer that leaves the consumer group when its thread is being replaced.
 * Kafka Streams 4.3 closes a replaced thread's consumer with REMAIN_IN_GROUP, so the group keeps the
 * dead member until its session expires (consumer.session.timeout.ms) and the replacement's
 * rebalance waits that long; leaving hands the partitions over at once. Every other close (a clean
 * shutdown, a client shutting down) is Kafka Streams' own choice, untouched.
 */
final class LeaveOnReplacementConsumer extends KafkaConsumer<byte[], byte[]> {

    private final ReplacedThreads replaced;

    LeaveOnReplacementConsumer(final Map<String, Object> config, final ReplacedThreads replaced) {
        super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.replaced = replaced;
    }

    @Override
    public void close(final CloseOptions options) {
        // Kafka Streams closes the main consumer in the stream thread itself, the thread the policy marked.
        if (replaced.remove(Thread.currentThread())) {
            super.close(options.withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } else {
            super.close(options);
        }
    }
}
