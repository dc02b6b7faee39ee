package io.ticketsync.metrics;

/**
 * Every metric name ticket-sync defines, in one place. Two families: Micrometer counters and
 * gauges of ticket-sync's own ({@code ticketsync.*}, Prometheus {@code ticketsync_*}), and the
 * record counters registered as Kafka Streams custom metrics (group {@value #STREAMS_GROUP}),
 * which Micrometer's Kafka binder republishes as {@code kafka_stream_ticket_sync_*}.
 */
public final class MetricNames {

    public static final String DEAD_LETTERED = "ticketsync.dead.lettered";
    public static final String INVALID_TIMESTAMPS = "ticketsync.invalid.timestamps";
    public static final String THREAD_REPLACEMENTS = "ticketsync.thread.replacements";
    public static final String UNCAUGHT_DECISIONS = "ticketsync.uncaught.decisions";
    public static final String SURGE_TRIPS = "ticketsync.dead.letter.surge.trips";
    public static final String STUCK_PARTITIONS = "ticketsync.stuck.partitions";
    public static final String BRAKE_ENGAGED = "ticketsync.dead.letter.brake.engaged";
    public static final String REPLAY_HALTS = "ticketsync.replay.halts";

    /** The scope of the Kafka Streams custom metrics. */
    public static final String STREAMS_SCOPE = "ticket-sync";
    public static final String STREAMS_GROUP = "stream-" + STREAMS_SCOPE + "-metrics";
    /** Operation of the Kafka Streams counter of applied versions ({@code applied-total}). */
    public static final String APPLIED = "applied";
    /** Operation of the Kafka Streams counter of changes skipped as stale ({@code skipped-stale-total}). */
    public static final String SKIPPED_STALE = "skipped-stale";

    private MetricNames() {
    }

    /** The Kafka metric name of an operation's running total, as {@code addRateTotalSensor} names it. */
    public static String streamsTotal(final String operation) {
        return operation + "-total";
    }

    /**
     * The meter name Micrometer's Kafka binder gives the running total of a Kafka Streams custom
     * operation: {@code kafka.<group>.<name>} without {@code -metrics}, dashes as dots.
     */
    public static String boundStreamsTotal(final String operation) {
        return ("kafka." + STREAMS_GROUP + "." + streamsTotal(operation)).replace("-metrics", "").replace('-', '.');
    }
}
