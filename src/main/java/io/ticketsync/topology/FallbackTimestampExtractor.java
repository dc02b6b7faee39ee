package io.ticketsync.topology;

import io.ticketsync.metrics.TicketSyncMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The record's own timestamp when the topics ticket-sync writes accept it, else a substitute,
 * with the original kept in the {@link #ORIGINAL_TIMESTAMP} header. Never throws. Everything
 * derived from the record takes this timestamp: the output record, the changelog record (Kafka
 * Streams stamps it with the record context's timestamp, which is this one) and a
 * processing-stage dead letter; so a timestamp those topics would refuse is replaced here, in one
 * place, and no derived record is ever refused for it.
 * <ul>
 *   <li>Negative (librdkafka and sarama can write -1 and the broker keeps it; Kafka's
 *       {@code UsePartitionTimeOnInvalidTimestamp} throws for such a record when it is the first of
 *       its partition, which killed the stream thread again after every replacement): the partition
 *       time when known and accepted, otherwise the wall-clock time. Counted.</li>
 *   <li>Outside the window every written topic accepts ({@link WriteBounds#timestamps()}: a topic's
 *       {@code message.timestamp.before.max.ms}, or a producer clock far ahead against the broker's
 *       default {@code log.message.timestamp.after.max.ms} of an hour): the wall-clock time.</li>
 * </ul>
 * A timestamp is metadata, not a reason to stop a partition.
 */
public final class FallbackTimestampExtractor implements TimestampExtractor, Configurable {

    /**
     * Carried by a record whose timestamp was replaced, and so by its output: the input's own
     * timestamp, as decimal text. A copy arriving on the input is removed first: it would lie.
     */
    public static final String ORIGINAL_TIMESTAMP = "ticketsync.original.timestamp";

    private static final Logger LOG = LoggerFactory.getLogger(FallbackTimestampExtractor.class);
    /** Old or future timestamps tend to come in runs: one warning a minute, with the count. */
    private static final long WARN_EVERY_MS = 60_000;

    private final LongSupplier wallClock;
    private TicketSyncMetrics metrics;
    private TimestampWindow accepted;
    private long replacedSinceWarning;
    private long lastWarningAt = Long.MIN_VALUE;

    /** As Kafka Streams instantiates it. */
    public FallbackTimestampExtractor() {
        this(System::currentTimeMillis);
    }

    FallbackTimestampExtractor(final LongSupplier wallClock) {
        this.wallClock = wallClock;
    }

    @Override
    public void configure(final Map<String, ?> configs) {
        final AppServices services = AppServices.from(configs);
        metrics = services.metrics();
        accepted = services.bounds().timestamps();
    }

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        final Headers headers = record.headers();
        // The consumer's headers are mutable, and Kafka Streams hands the same instance to the
        // record context, so what is added here reaches the output and the handlers.
        headers.remove(ORIGINAL_TIMESTAMP);
        final long timestamp = record.timestamp();
        final long now = wallClock.getAsLong();
        if (accepted.accepts(timestamp, now)) {
            return timestamp;
        }
        final long substitute;
        if (timestamp < 0) {
            final boolean partitionTimeUsable = accepted.accepts(partitionTime, now);
            substitute = partitionTimeUsable ? partitionTime : now;
            LOG.warn("Record {}-{}@{} has invalid timestamp {}; processing it with the {} {} instead",
                    record.topic(), record.partition(), record.offset(), timestamp,
                    partitionTimeUsable ? "partition time" : "wall-clock time", substitute);
            metrics.invalidTimestamp(record.topic());
        } else {
            substitute = now;
            warnOutsideWindow(record, timestamp, now);
        }
        headers.add(ORIGINAL_TIMESTAMP, Long.toString(timestamp).getBytes(StandardCharsets.UTF_8));
        return substitute;
    }

    private void warnOutsideWindow(final ConsumerRecord<Object, Object> record, final long timestamp, final long now) {
        replacedSinceWarning++;
        if (lastWarningAt == Long.MIN_VALUE || now - lastWarningAt >= WARN_EVERY_MS) {
            LOG.warn("Record {}-{}@{} has timestamp {}, {} ms from now, outside what the written topics accept "
                            + "(at most {} ms old, {} ms ahead); stamping what it writes with the wall-clock time, the "
                            + "original in header {} ({} such record(s) since the last warning)",
                    record.topic(), record.partition(), record.offset(), timestamp, timestamp - now,
                    accepted.beforeMaxMs(), accepted.afterMaxMs(), ORIGINAL_TIMESTAMP, replacedSinceWarning);
            replacedSinceWarning = 0;
            lastWarningAt = now;
        }
    }
}
