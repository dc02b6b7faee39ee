package io.ticketsync.deadletter.tools;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Counts a replay's sends and tells its current rate (over the last {@link #WINDOW}) and what is left. */
final class SendMeter {

    static final Duration WINDOW = Duration.ofSeconds(5);
    private static final long CHECKPOINT_NANOS = 250_000_000L;

    private final long expected;
    private final LongSupplier clock;
    /** (nanos, sent) pairs, oldest first, spanning about the window. */
    private final ArrayDeque<long[]> checkpoints = new ArrayDeque<>();
    private long sent;

    /** @param expected letters the run is to send, or -1 when not known */
    SendMeter(final long expected, final LongSupplier clock) {
        this.expected = expected;
        this.clock = clock;
        checkpoints.add(new long[] {clock.getAsLong(), 0});
    }

    void sent() {
        final long now = clock.getAsLong();
        if (sent == 0) {
            // The rate is the sending's, not diluted by the scan or the lease that came before it.
            checkpoints.clear();
            checkpoints.add(new long[] {now, 0});
        }
        sent++;
        if (now - checkpoints.peekLast()[0] >= CHECKPOINT_NANOS) {
            checkpoints.add(new long[] {now, sent});
            while (checkpoints.size() > 2 && now - checkpoints.peekFirst()[0] > WINDOW.toNanos()) {
                checkpoints.removeFirst();
            }
        }
    }

    SendProgress progress() {
        final long[] oldest = checkpoints.peekFirst();
        final long elapsed = clock.getAsLong() - oldest[0];
        final double rate = elapsed <= 0 ? 0 : (sent - oldest[1]) * 1e9 / elapsed;
        final long remaining = expected < 0 ? -1 : Math.max(0, expected - sent);
        final Optional<Duration> estimate = remaining < 0 || rate <= 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis((long) (remaining * 1000 / rate)));
        return new SendProgress(sent, remaining, rate, estimate);
    }
}
