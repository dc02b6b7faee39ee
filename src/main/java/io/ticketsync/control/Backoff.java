package io.ticketsync.control;

import java.time.Duration;

/** How long to wait before the next try at the control topic: 1 s, doubling, at most 30 s. */
public final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    private Duration next = FIRST;

    /** The wait before the next try; each call doubles the one after, up to the cap. */
    public Duration next() {
        final Duration now = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return now;
    }

    /** After a success, the next failure waits the shortest time again. */
    public void reset() {
        next = FIRST;
    }
}
