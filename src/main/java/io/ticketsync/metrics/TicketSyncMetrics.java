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
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * ticket-sync's own counters, next to Kafka Streams' metrics in one Micrometer registry:
 * {@code ticketsync_dead_lettered_total{stage,reason}}, {@code ticketsync_thread_replacements_total{budget}},
 * {@code ticketsync_uncaught_decisions_total{decision,cause}},
 * {@code ticketsync_invalid_timestamps_total{topic}}. Applied and stale counts are Kafka
 * Streams custom metrics ({@code kafka_stream_ticket_sync_*}).
 */
public final class TicketSyncMetrics {

    /** The label value of a surge trip's stage or reason when the trip was not one stage's or one reason's. */
    public static final String ALL = "all";

    /** How often newly created Kafka metrics are picked up (Micrometer's default is a minute). */
    public static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);

    private final MeterRegistry registry;

    public TicketSyncMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    public static TicketSyncMetrics prometheus() {
        return new TicketSyncMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * Registers every labelled series the dashboard and the alert rules query, at zero: each
     * stage/reason pair a dead letter or a surge trip can carry, each uncaught decision, thread
     * replacements by budget, and invalid timestamps on {@code inputTopic}. A series that exists before its
     * first count lets a query that returns nothing mean a wrong query, not a quiet instance, and
     * lets {@code increase()} see the first count.
     */
    public void registerAtZero(final String inputTopic) {
        for (final Reason reason : Reason.values()) {
            for (final ErrorStage stage : reason.stages()) {
                deadLetteredCounter(stage, reason);
                surgeTripsCounter(stage.name(), reason.code());
            }
        }
        // A whole stage's trip, for each stage some reason can occur at.
        Arrays.stream(Reason.values()).flatMap(reason -> reason.stages().stream()).distinct()
                .forEach(stage -> surgeTripsCounter(stage.name(), ALL));
        surgeTripsCounter(ALL, ALL);
        for (final UncaughtDecision decision : UncaughtDecision.values()) {
            uncaughtDecisionsCounter(decision);
        }
        for (final ThreadBudget budget : ThreadBudget.values()) {
            threadReplacementsCounter(budget);
        }
        invalidTimestampsCounter(inputTopic);
        replayHaltsCounter();
    }

    public void deadLettered(final ErrorStage stage, final Reason reason) {
        deadLetteredCounter(stage, reason).increment();
    }

    /** Counts one input record whose negative timestamp was replaced by a fallback. */
    public void invalidTimestamp(final String topic) {
        invalidTimestampsCounter(topic).increment();
    }

    /** Counts one stream thread replaced, charged to {@code budget}. */
    public void threadReplaced(final ThreadBudget budget) {
        threadReplacementsCounter(budget).increment();
    }

    /** Counts one uncaught-exception decision and its cause. */
    public void uncaughtDecision(final UncaughtDecision decision) {
        uncaughtDecisionsCounter(decision).increment();
    }

    /**
     * Counts a trip of the dead-letter surge brake, tagged with the stage and reason that took over:
     * {@value #ALL} for the reason when one stage's reasons together tripped it, and for both when
     * all dead letters together did.
     */
    public void surgeBrakeTripped(final String stage, final String reason) {
        surgeTripsCounter(stage, reason).increment();
    }

    /** Counts a halt of replays: this instance's window of replayed records' outcomes tripped. */
    public void replayHalted() {
        replayHaltsCounter().increment();
    }

    private Counter replayHaltsCounter() {
        return Counter.builder(MetricNames.REPLAY_HALTS)
                .description("Times this instance halted replays: most replayed records were dead-lettered again").register(registry);
    }

    /** Publishes whether the group-wide dead-letter brake holds this instance paused (1) or not (0). */
    public void brakeEngaged(final BooleanSupplier engaged) {
        Gauge.builder(MetricNames.BRAKE_ENGAGED, () -> engaged.getAsBoolean() ? 1 : 0)
                .description("1 while the dead-letter surge brake holds the application paused").register(registry);
    }

    private Counter deadLetteredCounter(final ErrorStage stage, final Reason reason) {
        return byStageAndReason(MetricNames.DEAD_LETTERED, "Records written to the dead-letter topic", stage, reason);
    }

    private Counter surgeTripsCounter(final String stage, final String reason) {
        return Counter.builder(MetricNames.SURGE_TRIPS).description("Times this instance's window tripped the dead-letter surge brake")
                .tag("stage", stage).tag("reason", reason).register(registry);
    }

    private Counter invalidTimestampsCounter(final String topic) {
        return Counter.builder(MetricNames.INVALID_TIMESTAMPS)
                .description("Input records with a negative timestamp, processed with a fallback timestamp")
                .tag("topic", String.valueOf(topic))
                .register(registry);
    }

    private Counter threadReplacementsCounter(final ThreadBudget budget) {
        return Counter.builder(MetricNames.THREAD_REPLACEMENTS)
                .description("Stream threads replaced after a failure, by the budget charged")
                .tag("budget", budget.label())
                .register(registry);
    }

    private Counter uncaughtDecisionsCounter(final UncaughtDecision decision) {
        return Counter.builder(MetricNames.UNCAUGHT_DECISIONS).description("Uncaught stream-thread exception decisions")
                .tag("decision", decision.response().name()).tag("cause", decision.cause())
                .register(registry);
    }

    private Counter byStageAndReason(final String name, final String description, final ErrorStage stage,
                                     final Reason reason) {
        return Counter.builder(name).description(description).tag("stage", stage.name()).tag("reason", reason.code())
                .register(registry);
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
        // Only what happened: every pair is registered at zero from the start.
        registry.find(MetricNames.DEAD_LETTERED).counters().stream().filter(counter -> counter.count() > 0)
                .forEach(counter -> deadLettered.merge(counter.getId().getTag("stage") + "/"
                        + counter.getId().getTag("reason"), (long) counter.count(), Long::sum));
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
