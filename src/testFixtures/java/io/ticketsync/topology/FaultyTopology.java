package io.ticketsync.topology;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.model.TicketChange;
import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The production topology with faults injected into its business rules, for runtime tests and benchmarks. */
public final class FaultyTopology {

    /** Longer than any test blocks a change on purpose. */
    public static final Duration MAX_BLOCK = Duration.ofMinutes(3);

    private FaultyTopology() {
    }

    /** Throws {@code failure.get()} for every change matching {@code when} (the supplier may stop failing). */
    public static Topology failingOn(final TicketSyncConfig config, final Predicate<TicketChange> when,
                                     final Supplier<RuntimeException> failure) {
        final TicketApplier real = new TicketApplier(config.statusMapping(), config.priorityMapping());
        return TicketSyncTopology.build(config, (key, current, change) -> {
            if (when.test(change)) {
                final RuntimeException exception = failure.get();
                if (exception != null) {
                    throw exception;
                }
            }
            return real.apply(key, current, change);
        });
    }

    /**
     * Blocks the stream thread on a change matching {@code when} until {@code release} opens, or
     * fails the change once {@link #MAX_BLOCK} has passed, so a test that never releases cannot
     * leave a thread hanging.
     */
    public static Topology blockingOn(final TicketSyncConfig config, final Predicate<TicketChange> when,
                                      final CountDownLatch release) {
        final TicketApplier real = new TicketApplier(config.statusMapping(), config.priorityMapping());
        return TicketSyncTopology.build(config, (key, current, change) -> {
            if (when.test(change)) {
                try {
                    if (!release.await(MAX_BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("blocked change " + change.ticketId() + " v" + change.version()
                                + " was never released within " + MAX_BLOCK);
                    }
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.apply(key, current, change);
        });
    }
}
