package io.ticketsync.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the index can be trusted, from what the tailer last achieved: it is stale when its last
 * read from Kafka failed, or when it has not caught up with end offsets read more than
 * {@link #BEHIND} ago (a frozen broker that answers nothing, not even a failure, shows up so). The
 * tailer reports; request threads ask, at their own time, so a tailer blocked inside a Kafka call
 * cannot hide staleness.
 */
final class IndexFreshness {

    /** Fresh end offsets are read every few seconds and normally reached within one poll. */
    static final Duration BEHIND = Duration.ofSeconds(15);

    private final Clock clock;
    /** The read time of the newest end offsets the index has reached: it holds every letter the topic had then. */
    private Instant freshAsOf;
    private Instant endsReadAt;
    private String problem;
    private Instant problemSince;
    private boolean caughtUp;
    private long inTopic;
    private long lag;

    IndexFreshness(final Clock clock) {
        this.clock = clock;
    }

    synchronized Instant now() {
        return clock.instant();
    }

    /** End offsets were read at {@code at}: {@code inTopicLetters} letters in the topic, {@code lagRecords} not yet read. */
    synchronized void endsRead(final Instant at, final long inTopicLetters, final long lagRecords) {
        endsReadAt = at;
        inTopic = inTopicLetters;
        lag = lagRecords;
        problem = null;
        problemSince = null;
    }

    /** A poll succeeded; {@code reachedEnds}: every partition is at the end offsets last read. */
    synchronized void polled(final boolean reachedEnds, final long lagRecords) {
        problem = null;
        problemSince = null;
        lag = lagRecords;
        if (reachedEnds && endsReadAt != null) {
            freshAsOf = endsReadAt;
            caughtUp = true;
        }
    }

    synchronized void failed(final String why) {
        if (problem == null) {
            problemSince = clock.instant();
        }
        problem = why;
    }

    /** The index starts over (the topic was recreated): not caught up, nothing known fresh. */
    synchronized void restarted() {
        freshAsOf = null;
        endsReadAt = null;
        caughtUp = false;
    }

    synchronized CatalogProgress progress(final long indexed) {
        final Instant now = clock.instant();
        final boolean behind = freshAsOf != null && Duration.between(freshAsOf, now).compareTo(BEHIND) > 0;
        if (problem == null && !behind) {
            return new CatalogProgress(indexed, inTopic, caughtUp, null, null, 0, lag);
        }
        final Instant since = freshAsOf != null ? freshAsOf : problemSince;
        final String why = problem != null ? problem
                : "it has not reached the topics' end offsets read at " + endsReadAt + " (" + lag + " records behind then)";
        return new CatalogProgress(indexed, inTopic, caughtUp, since, why,
                Math.max(0, Duration.between(since, now).toMillis() / 1000.0), lag);
    }
}
