package io.ticketsync.deadletter.tools;

import java.util.function.LongSupplier;

/**
 * At most N sends a second, over the whole run: the k-th send is due k/N seconds after the first,
 * and {@link #acquire} sleeps until it is (never spins). Time lost to a commit is made up by the
 * sends that follow, but at most {@link #CATCH_UP_NANOS} of it: a long stall does not turn into a
 * burst that swamps live traffic.
 */
public final class SendPace {

    /** Sleeps for so many nanoseconds; the tests' fake moves a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    static final long CATCH_UP_NANOS = 1_000_000_000L;
    /** The fastest rate one may ask for. */
    public static final int MAX_RATE = 1_000_000;
    private static final java.util.regex.Pattern RATE = java.util.regex.Pattern.compile("([0-9]{1,7})(/s)?");
    private static final SendPace UNLIMITED = new SendPace(0, System::nanoTime, nanos -> { });

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextDue = Long.MIN_VALUE;

    SendPace(final int perSecond, final LongSupplier clock, final Sleeper sleeper) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** @param perSecond sends a second; 0 for no limit */
    public static SendPace of(final int perSecond) {
        return perSecond <= 0 ? UNLIMITED : new SendPace(perSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000,
                (int) (nanos % 1_000_000)));
    }

    /**
     * Reads a rate as operators write it, {@code N/s} or {@code N}: a whole number of letters a
     * second from 1 (a slower pace would leave the writer lease unrenewed between sends).
     *
     * @return letters a second, 0 for a null or blank text (no limit)
     * @throws IllegalArgumentException saying what a rate looks like
     */
    public static int parseRate(final String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        final java.util.regex.Matcher matcher = RATE.matcher(text.trim());
        final int rate = matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
        if (rate < 1 || rate > MAX_RATE) {
            throw new IllegalArgumentException("the rate must be N/s with N from 1 to " + MAX_RATE + " letters a second, got '"
                    + text + "'");
        }
        return rate;
    }

    /** Waits until the next send is due. */
    public void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        final long now = clock.getAsLong();
        if (nextDue == Long.MIN_VALUE || now - nextDue > CATCH_UP_NANOS) {
            nextDue = now;
        }
        final long wait = nextDue - now;
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the replay", e);
            }
        }
        nextDue += intervalNanos;
    }
}
