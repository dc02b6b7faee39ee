package io.ticketsync.topology;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.model.TicketChange;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The production topology with faults injected into its business rules, for runtime tests and benchmarks. */
public final class FaultyTopology {

    /** Longer than any test blocks a change on purpose. */
    public static final Duration MAX_BLOCK = Duration.ofMinutes(3);

    /**
     * An input header that makes {@link #failingOnAndSerializerFailingOnce}'s output serializer
     * throw for the record's output (Kafka Streams copies the input's headers onto it).
     */
    public static final String UNSERIALIZABLE = "test.unserializable";

    private FaultyTopology() {
    }

    /** Throws {@code failure.get()} for every change matching {@code when} (the supplier may stop failing). */
    public static Topology failingOn(final TicketSyncConfig config, final Predicate<TicketChange> when,
                                     final Supplier<RuntimeException> failure) {
        return TicketSyncTopology.build(config, failingRules(config, when, failure));
    }

    /**
     * {@link #failingOn}, and an output value serializer that throws, as a serializer bug would, the
     * first time it meets each output record carrying the {@link #UNSERIALIZABLE} header (told apart
     * by its value: the snapshot names ticket and version), and serializes it when the record comes
     * again: a serializer failure that passes. Every throw is counted in {@code serializerFailures}.
     */
    public static Topology failingOnAndSerializerFailingOnce(final TicketSyncConfig config,
                                                             final Predicate<TicketChange> when,
                                                             final Supplier<RuntimeException> failure,
                                                             final AtomicInteger serializerFailures) {
        final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        return TicketSyncTopology.build(config, failingRules(config, when, failure), new ByteArraySerializer() {
            @Override
            public byte[] serialize(final String topic, final Headers headers, final byte[] data) {
                if (data != null && headers != null && headers.lastHeader(UNSERIALIZABLE) != null
                        && failedOnce.add(new String(data, StandardCharsets.UTF_8))) {
                    serializerFailures.incrementAndGet();
                    throw new IllegalStateException("injected: output serializer bug");
                }
                return super.serialize(topic, headers, data);
            }
        });
    }

    private static TicketRules failingRules(final TicketSyncConfig config, final Predicate<TicketChange> when,
                                            final Supplier<RuntimeException> failure) {
        final TicketApplier real = new TicketApplier(config.statusMapping(), config.priorityMapping());
        return (key, current, change) -> {
            if (when.test(change)) {
                final RuntimeException exception = failure.get();
                if (exception != null) {
                    throw exception;
                }
            }
            return real.apply(key, current, change);
        };
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
