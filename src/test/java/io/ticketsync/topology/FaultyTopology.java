package io.ticketsync.topology;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.model.TicketChange;
import org.apache.kafka.streams.Topology;

import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The production topology with faults injected into its business rules, for runtime tests. */
public final class FaultyTopology {

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

    /** Blocks the stream thread on a change matching {@code when} until {@code release} opens. */
    public static Topology blockingOn(final TicketSyncConfig config, final Predicate<TicketChange> when,
                                      final CountDownLatch release) {
        final TicketApplier real = new TicketApplier(config.statusMapping(), config.priorityMapping());
        return TicketSyncTopology.build(config, (key, current, change) -> {
            if (when.test(change)) {
                try {
                    release.await();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.apply(key, current, change);
        });
    }
}
