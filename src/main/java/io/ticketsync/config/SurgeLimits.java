package io.ticketsync.config;

/**
 * When the dead-letter surge brake trips: once the window holds at least {@code minRecords}
 * outcomes that were not stale, and dead letters take at least a threshold share of the last
 * {@code windowRecords} such outcomes: {@code reasonThreshold} for one stage/reason,
 * {@code stageThreshold} for one stage (all its reasons), {@code allThreshold} for all dead
 * letters together. A bad deploy that fails for several reasons is caught by the last two.
 *
 * @param action what the tripping instance does besides pausing the whole group
 */
public record SurgeLimits(int windowRecords, int minRecords, double reasonThreshold, double stageThreshold,
                          double allThreshold, SurgeAction action) {

    /** A window is a count of records; more than this is a typo, and would only slow the brake down. */
    public static final int MAX_WINDOW_RECORDS = 100_000;
}
