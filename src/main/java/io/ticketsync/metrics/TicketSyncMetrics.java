package io.ticketsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * ticket-sync's own counters, next to Kafka Streams' metrics in one Micrometer registry:
 * {@code ticketsync_dead_lettered_total{stage,reason}}, {@code ticketsync_thread_replacements_total},
 * {@code ticketsync_uncaught_decisions_total{decision,cause}},
 * {@code ticketsync_invalid_timestamps_total{topic}}. Applied and stale counts are Kafka
 * Streams custom metrics ({@code kafka_stream_ticket_sync_*}).
 */
public final class TicketSyncMetrics {

    /** How often newly created Kafka metrics are picked up (Micrometer's default is a minute). */
    public static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);

    private final MeterRegistry registry;

    public TicketSyncMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    public static TicketSyncMetrics prometheus() {
        return new TicketSyncMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public void deadLettered(final ErrorStage stage, final Reason reason) {
        countByStageAndReason(MetricNames.DEAD_LETTERED, "Records written to the dead-letter topic", stage, reason);
    }

    /** Counts one input record whose negative timestamp was replaced by a fallback. */
    public void invalidTimestamp(final String topic) {
        Counter.builder(MetricNames.INVALID_TIMESTAMPS)
                .description("Input records with a negative timestamp, processed with a fallback timestamp")
                .tag("topic", String.valueOf(topic))
                .register(registry)
                .increment();
    }

    public void threadReplaced() {
        Counter.builder(MetricNames.THREAD_REPLACEMENTS).description("Stream threads replaced after a failure")
                .register(registry).increment();
    }

    /** Counts one uncaught-exception decision ({@code REPLACE_THREAD} / {@code SHUTDOWN_CLIENT}) and its cause. */
    public void uncaughtDecision(final String decision, final String cause) {
        Counter.builder(MetricNames.UNCAUGHT_DECISIONS).description("Uncaught stream-thread exception decisions")
                .tag("decision", decision).tag("cause", cause)
                .register(registry).increment();
    }

    /** Counts a trip of the dead-letter surge brake, tagged with the stage and reason that took over. */
    public void surgeBrakeTripped(final ErrorStage stage, final Reason reason) {
        countByStageAndReason(MetricNames.SURGE_TRIPS, "Times the dead-letter surge brake stopped this instance",
                stage, reason);
    }

    private void countByStageAndReason(final String name, final String description, final ErrorStage stage,
                                       final Reason reason) {
        Counter.builder(name).description(description).tag("stage", stage.name()).tag("reason", reason.code())
                .register(registry).increment();
    }

    /** Publishes how many input partitions are stuck right now. */
    public void stuckPartitions(final Supplier<Number> count) {
        Gauge.builder(MetricNames.STUCK_PARTITIONS, count).description("Input partitions with input waiting and no progress")
                .register(registry);
    }

    /**
     * Publishes the client's Kafka Streams, consumer, producer and custom metrics. Kafka creates
     * metrics as tasks and threads come and go; the binder picks new ones up every
     * {@link #KAFKA_METRICS_REFRESH} on {@code scheduler}. Close the returned binder when done.
     */
    public KafkaStreamsMetrics bind(final KafkaStreams streams, final ScheduledExecutorService scheduler) {
        final KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, KAFKA_METRICS_REFRESH);
        binder.bindTo(registry);
        return binder;
    }

    /** The counts so far; Kafka Streams' part lags by up to {@link #KAFKA_METRICS_REFRESH}. */
    public SyncSummary summary() {
        final Map<String, Long> deadLettered = new TreeMap<>();
        registry.find(MetricNames.DEAD_LETTERED).counters().forEach(counter -> deadLettered.merge(
                counter.getId().getTag("stage") + "/" + counter.getId().getTag("reason"), (long) counter.count(), Long::sum));
        return new SyncSummary(kafkaTotal(MetricNames.APPLIED), kafkaTotal(MetricNames.SKIPPED_STALE), deadLettered);
    }

    /** Sums a Kafka Streams custom {@code <operation>-total} metric, as the binder publishes it, over all stream threads. */
    private long kafkaTotal(final String operation) {
        double total = 0;
        for (final Meter meter : registry.find(MetricNames.boundStreamsTotal(operation)).meters()) {
            for (final Measurement measurement : meter.measure()) {
                total += measurement.getValue();
            }
        }
        return (long) total;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition, when the registry is a Prometheus one. */
    public String scrape() {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus.scrape();
        }
        throw new IllegalStateException("metrics registry is not a Prometheus registry");
    }
}
