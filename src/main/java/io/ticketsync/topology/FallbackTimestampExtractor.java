package io.ticketsync.topology;

import io.ticketsync.metrics.TicketSyncMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The record's own timestamp, or a fallback when it is negative: the partition time when known,
 * otherwise the wall-clock time. Never throws: producers such as librdkafka and sarama can write
 * timestamp -1 and the broker keeps it, and Kafka's {@code UsePartitionTimeOnInvalidTimestamp}
 * throws for such a record when it is the first of its partition, which killed the stream thread
 * again after every replacement. A timestamp is metadata, not a reason to stop a partition.
 */
public final class FallbackTimestampExtractor implements TimestampExtractor, Configurable {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackTimestampExtractor.class);

    private final LongSupplier wallClock;
    private TicketSyncMetrics metrics;

    /** As Kafka Streams instantiates it. */
    public FallbackTimestampExtractor() {
        this(System::currentTimeMillis);
    }

    FallbackTimestampExtractor(final LongSupplier wallClock) {
        this.wallClock = wallClock;
    }

    @Override
    public void configure(final Map<String, ?> configs) {
        metrics = AppServices.from(configs).metrics();
    }

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        final long timestamp = record.timestamp();
        if (timestamp >= 0) {
            return timestamp;
        }
        final boolean partitionTimeKnown = partitionTime >= 0;
        final long fallback = partitionTimeKnown ? partitionTime : wallClock.getAsLong();
        LOG.warn("Record {}-{}@{} has invalid timestamp {}; processing it with the {} {} instead",
                record.topic(), record.partition(), record.offset(), timestamp,
                partitionTimeKnown ? "partition time" : "wall-clock time", fallback);
        metrics.invalidTimestamp(record.topic());
        return fallback;
    }
}
