package io.ticketsync.testing;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nano clock that moves only when told to. */
public final class FakeClock implements LongSupplier {

    private long nanos = 1_000_000_000L;

    @Override
    public synchronized long getAsLong() {
        return nanos;
    }

    public synchronized void advance(final Duration duration) {
        nanos += duration.toNanos();
    }
}
