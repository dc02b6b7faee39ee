package io.ticketsync.cluster;

import java.time.Duration;

/** A point in time that several steps share, so that together they end within one timeout. */
record Deadline(long atNanos) {

    static Deadline after(final Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** What is left, never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    boolean expired() {
        return remaining().isZero();
    }
}
