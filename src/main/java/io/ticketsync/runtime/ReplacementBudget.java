package io.ticketsync.runtime;

import io.ticketsync.metrics.ThreadBudget;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * At most {@code max} thread replacements within any sliding window of {@code window}; which budget
 * it is, and the key that sets it, for the metrics and the shutdown message.
 */
final class ReplacementBudget {

    private final ThreadBudget kind;
    private final String maxKey;
    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Deque<Long> grants = new ArrayDeque<>();

    ReplacementBudget(final ThreadBudget kind, final String maxKey, final int max, final Duration window,
                      final LongSupplier nanoClock) {
        this.kind = kind;
        this.maxKey = maxKey;
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

    ThreadBudget kind() {
        return kind;
    }

    /** The budget's name as an operator knows it. */
    String name() {
        return kind == ThreadBudget.BROKER ? "broker-fault replacement budget" : "replacement budget";
    }

    /** The limit and the key that sets it, e.g. "uncaught.broker.replace.max=10 within PT10M". */
    String limit() {
        return maxKey + "=" + max + " within " + Duration.ofNanos(windowNanos);
    }
}
