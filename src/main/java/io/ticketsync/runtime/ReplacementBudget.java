package io.ticketsync.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/** At most {@code max} thread replacements within any sliding window of {@code window}. */
final class ReplacementBudget {

    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Deque<Long> grants = new ArrayDeque<>();

    ReplacementBudget(final int max, final Duration window, final LongSupplier nanoClock) {
        this.max = max;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Takes one replacement from the budget; false when the window's budget is spent. */
    synchronized boolean tryAcquire() {
        final long now = nanoClock.getAsLong();
        while (!grants.isEmpty() && now - grants.peekFirst() >= windowNanos) {
            grants.removeFirst();
        }
        if (grants.size() >= max) {
            return false;
        }
        grants.addLast(now);
        return true;
    }

    synchronized int usedInWindow() {
        return grants.size();
    }

    int max() {
        return max;
    }
}
