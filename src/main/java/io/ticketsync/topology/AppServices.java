package io.ticketsync.topology;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.guard.DeadLetterSurgeBrake;
import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.metrics.TicketSyncMetrics;

import java.util.Map;
import java.util.Objects;

/**
 * The live objects one ticket-sync instance shares with what Kafka Streams instantiates (the
 * processor, the three exception handlers, the timestamp extractor): the typed configuration, the
 * one failure classifier, the metrics, the dead-letter surge brake (live records), the replay
 * window (records read from the replay topic, judged apart), and the {@link WriteBounds} the
 * startup check read from the cluster. Kafka Streams hands those
 * components nothing but its config map, so the bundle rides in it under {@link #KEY}; nothing
 * parses configuration from that map again, and nothing falls back to a private copy.
 */
public record AppServices(TicketSyncConfig config, FailureClassifier classifier, TicketSyncMetrics metrics,
                          DeadLetterSurgeBrake surgeBrake, DeadLetterSurgeBrake replayBrake, WriteBounds bounds) {

    /** Not a property: the key of this bundle in the map Kafka Streams hands to what it configures. */
    public static final String KEY = "ticketsync.internal.services";

    public AppServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(surgeBrake, "surgeBrake");
        Objects.requireNonNull(replayBrake, "replayBrake");
        Objects.requireNonNull(bounds, "bounds");
    }

    /**
     * The bundle before the cluster was asked: bounds from the configuration alone, and a replay
     * window with the surge brake's thresholds.
     */
    public AppServices(final TicketSyncConfig config, final FailureClassifier classifier, final TicketSyncMetrics metrics,
                       final DeadLetterSurgeBrake surgeBrake) {
        this(config, classifier, metrics, surgeBrake, new DeadLetterSurgeBrake(config.guards().surgeLimits()),
                WriteBounds.fromConfig(config));
    }

    /** The same services with the bounds the startup check read from the cluster. */
    public AppServices withBounds(final WriteBounds readFromCluster) {
        return new AppServices(config, classifier, metrics, surgeBrake, replayBrake, readFromCluster);
    }

    /**
     * The window an outcome of a record read from {@code topic} counts in: the replay topic's own,
     * so a replay that mostly fails again halts the replay and never pauses the live stream.
     */
    public DeadLetterSurgeBrake brakeFor(final String topic) {
        return config.topics().replay().equals(topic) ? replayBrake : surgeBrake;
    }

    /**
     * A fresh bundle for one instance: its classifier, Prometheus metrics (every labelled series
     * already there at zero) and surge brake.
     */
    public static AppServices of(final TicketSyncConfig config) {
        final TicketSyncMetrics metrics = TicketSyncMetrics.prometheus();
        metrics.registerAtZero(config.topics().input());
        return new AppServices(config, FailureClassifier.of(config), metrics,
                new DeadLetterSurgeBrake(config.guards().surgeLimits()));
    }

    /**
     * The bundle in Kafka's config map.
     *
     * @throws IllegalStateException when the map lacks it: Kafka Streams (or a test driver) was given
     *                               properties not built by {@code StreamsProperties.of}
     */
    public static AppServices from(final Map<String, ?> configs) {
        if (configs.get(KEY) instanceof AppServices services) {
            return services;
        }
        throw new IllegalStateException("Kafka Streams was configured without ticket-sync's services under '" + KEY
                + "': build its properties with io.ticketsync.runtime.StreamsProperties.of(AppServices)");
    }
}
