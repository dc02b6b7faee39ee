package io.ticketsync.metrics;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

import java.util.Map;

/**
 * ticket-sync's record counters, registered as Kafka Streams custom metrics so they appear next to
 * Kafka's own: {@code applied-total} and {@code skipped-stale-total} in group
 * {@value MetricNames#STREAMS_GROUP}, one per stream thread.
 */
public final class RecordCounters {

    private RecordCounters() {
    }

    public static Sensor appliedSensor(final StreamsMetrics metrics) {
        return sensor(metrics, MetricNames.APPLIED);
    }

    public static Sensor skippedStaleSensor(final StreamsMetrics metrics) {
        return sensor(metrics, MetricNames.SKIPPED_STALE);
    }

    /** Sums an operation's {@code <operation>-total} over all stream threads of a client's (or driver's) metrics. */
    public static long total(final Map<MetricName, ? extends Metric> metrics, final String operation) {
        double total = 0;
        for (final Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            final MetricName name = entry.getKey();
            if (name.group().equals(MetricNames.STREAMS_GROUP) && name.name().equals(MetricNames.streamsTotal(operation))) {
                total += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return (long) total;
    }

    private static Sensor sensor(final StreamsMetrics metrics, final String operation) {
        return metrics.addRateTotalSensor(MetricNames.STREAMS_SCOPE, "records", operation, Sensor.RecordingLevel.INFO);
    }
}
