package io.ticketsync.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A bounded wait: polls a value until it satisfies a condition, or fails saying what it last saw. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(100);

    private Await() {
    }

    public static <T> T until(final String what, final Supplier<T> value, final Predicate<T> done, final Duration timeout)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not reached within " + timeout + "; last seen: " + last);
            }
            Thread.sleep(POLL.toMillis());
            last = value.get();
        }
        return last;
    }
}
