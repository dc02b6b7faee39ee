package io.ticketsync.console;

import java.time.Instant;

/**
 * How far the index has read, and whether it can be trusted.
 *
 * @param indexed      letters in the index
 * @param inTopic      letters in the topic at the last end offsets read (from its log-start offsets)
 * @param caughtUp     the index has reached the topics' end offsets once (since it last started over)
 * @param staleSince   null while fresh; else the time up to which the index is known to hold every letter
 *                     (or, before any catch-up, when reading first failed)
 * @param problem      why it is stale; null while fresh
 * @param staleSeconds how long it has been stale; 0 while fresh
 * @param lagRecords   records in the topics past the index's positions, at the last end offsets read
 */
public record CatalogProgress(long indexed, long inTopic, boolean caughtUp, Instant staleSince, String problem,
                              double staleSeconds, long lagRecords) {

    public CatalogProgress(final long indexed, final long inTopic, final boolean caughtUp) {
        this(indexed, inTopic, caughtUp, null, null, 0, 0);
    }

    public boolean stale() {
        return staleSince != null;
    }
}
