package io.ticketsync.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way tests wait: poll a probe until its value satisfies a condition, or fail saying what
 * was awaited and what was last seen. One clock ({@link System#nanoTime()}, which never jumps),
 * always a bound. A probe may throw: an {@link AssertionError} (say, "the process died") ends the
 * wait at once; other exceptions end it too, except under {@link #succeeds}, which retries them.
 */
public final class Await {

    public static final Duration POLL = Duration.ofMillis(100);

    /** A value to poll; may throw what the call it wraps throws. */
    @FunctionalInterface
    public interface Probe<T, E extends Exception> {
        T get() throws E, InterruptedException;
    }

    private Await() {
    }

    public static <T, E extends Exception> T until(final String what, final Probe<T, E> value, final Predicate<T> done,
                                                   final Duration timeout) throws E, InterruptedException {
        return until(what, value, done, timeout, POLL);
    }

    /** Polls every {@code poll} (zero: at once, for probes that block themselves, such as a consumer's poll). */
    public static <T, E extends Exception> T until(final String what, final Probe<T, E> value, final Predicate<T> done,
                                                   final Duration timeout, final Duration poll)
            throws E, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " not reached within " + timeout + "; last seen: " + last);
            }
            Thread.sleep(poll.toMillis());
            last = value.get();
        }
        return last;
    }

    /** Retries {@code attempt} until it returns without an exception; fails with the last exception as cause. */
    public static <T> T succeeds(final String what, final Probe<T, ? extends Exception> attempt, final Duration timeout,
                                 final Duration poll) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (final InterruptedException e) {
                throw e;
            } catch (final Exception notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError(what + " not reached within " + timeout + "; last failure: " + notYet, notYet);
                }
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
