package io.ticketsync.runtime;

import io.ticketsync.guard.OwnedPartitions;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Map;

/**
 * A stream thread's main consumer: Kafka's, plus two things only code on the stream thread itself
 * can do, since a consumer is not thread-safe.
 *
 * <p>It leaves the consumer group when its thread is being replaced. Kafka Streams 4.3 closes a
 * replaced thread's consumer with REMAIN_IN_GROUP, so the group keeps the dead member until its
 * session expires (consumer.session.timeout.ms) and the replacement's rebalance waits that long;
 * leaving hands the partitions over at once. Every other close (a clean shutdown, a client shutting
 * down) is Kafka Streams' own choice, untouched.
 *
 * <p>It publishes its assignment after every poll (the rebalance callbacks run inside poll), and
 * withdraws it on unsubscribe and close, so the progress watchdog knows which partitions this
 * instance owns without asking the consumer from another thread.
 */
final class MainConsumer extends KafkaConsumer<byte[], byte[]> {

    private final ReplacedThreads replaced;
    private final OwnedPartitions owned;

    MainConsumer(final Map<String, Object> config, final ReplacedThreads replaced, final OwnedPartitions owned) {
        super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.replaced = replaced;
        this.owned = owned;
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(final Duration timeout) {
        final ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
        owned.publish(this, assignment());
        return records;
    }

    @Override
    public void unsubscribe() {
        owned.forget(this);
        super.unsubscribe();
    }

    @Override
    public void close() {
        owned.forget(this);
        super.close();
    }

    @Override
    public void close(final CloseOptions options) {
        owned.forget(this);
        // Kafka Streams closes the main consumer in the stream thread itself, the thread the policy marked.
        if (replaced.remove(Thread.currentThread())) {
            super.close(options.withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } else {
            super.close(options);
        }
    }
}
