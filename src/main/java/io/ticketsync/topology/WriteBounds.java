package io.ticketsync.topology;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;

import java.util.Objects;

/**
 * What the records ticket-sync derives from an input record (output, changelog, dead letter) must
 * stay within to be accepted, read once at startup from the topics' configuration (the startup
 * check) and from then on only passed around: the processor and the timestamp extractor get it
 * through {@link AppServices}, so the topology stays a pure function of the configuration.
 *
 * @param outputMaxRecordBytes the effective output limit: the smallest of {@code output.max.record.bytes},
 *                             the producer's {@code max.request.size} and the output and changelog topics'
 *                             {@code max.message.bytes}, as far as they could be read
 * @param outputLimitSource    where that figure comes from, for messages ({@code output.max.record.bytes},
 *                             or e.g. {@code max.message.bytes of topic 'x'})
 * @param timestamps           what every one of the output, changelog and dead-letter topics accepts
 */
public record WriteBounds(int outputMaxRecordBytes, String outputLimitSource, TimestampWindow timestamps) {

    public WriteBounds {
        if (outputMaxRecordBytes <= 0) {
            throw new IllegalArgumentException("output limit must be positive, got " + outputMaxRecordBytes);
        }
        Objects.requireNonNull(outputLimitSource, "outputLimitSource");
        Objects.requireNonNull(timestamps, "timestamps");
    }

    /**
     * What is known without asking the cluster: {@code output.max.record.bytes} (already at most the
     * producer's {@code max.request.size}, or the configuration is refused) and Kafka's default window.
     */
    public static WriteBounds fromConfig(final TicketSyncConfig config) {
        return new WriteBounds(config.limits().outputMaxRecordBytes(), ConfigKeys.OUTPUT_MAX_RECORD_BYTES,
                TimestampWindow.KAFKA_DEFAULT);
    }
}
