package io.ticketsync.topology;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * ticket-sync's record counters, registered as Kafka Streams custom metrics so they appear next to
 * Kafka's own: group {@value #GROUP}, names {@code applied-total} and {@code skipped-stale-total}.
 */
public final class SyncMetrics {

    public static final String SCOPE = "ticket-sync";
    public static final String GROUP = "stream-" + SCOPE + "-metrics";
    public static final String APPLIED = "applied";
    public static final String SKIPPED_STALE = "skipped-stale";

    private SyncMetrics() {
    }

    static Sensor appliedSensor(final StreamsMetrics metrics) {
        return sensor(metrics, APPLIED);
    }

    static Sensor skippedStaleSensor(final StreamsMetrics metrics) {
        return sensor(metrics, SKIPPED_STALE);
    }

    private static Sensor sensor(final StreamsMetrics metrics, final String operation) {
        return metrics.addRateTotalSensor(SCOPE, "records", operation, Sensor.RecordingLevel.INFO);
    }
}
