package io.ticketsync.bench.app;

import io.ticketsync.cli.Main;
import io.ticketsync.config.ConfigLoader;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.TicketSyncApp;
import io.ticketsync.topology.FaultyTopology;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of every application the benchmark measures, each in its own JVM:
 * {@code <kind> <config.properties> <stats.properties>}. Kinds: {@code ticket-sync} (the real
 * {@code run} command), {@code ticket-sync-faulty} (ticket-sync whose thread dies once on the
 * first change of a ticket named BENCH-FAULT*), {@code pass-through}, {@code kv-ceiling} and {@code hand-loop}.
 */
public final class AppUnderTest {

    public static final String FAULT_TICKET_PREFIX = "BENCH-FAULT";

    private AppUnderTest() {
    }

    public static void main(final String[] args) throws Exception {
        final String kind = args[0];
        final Path configFile = Path.of(args[1]);
        final StatsReporter stats = StatsReporter.start(Path.of(args[2]));
        final TicketSyncConfig config = ConfigLoader.load(Optional.of(configFile), Map.of(), Map.of());
        switch (kind) {
            case "ticket-sync" -> runTicketSync(configFile, config);
            case "ticket-sync-faulty" -> System.exit(runFaulty(config, stats));
            case "pass-through" -> PassThroughApp.run(config);
            case "kv-ceiling" -> KeyValueCeilingApp.run(config);
            case "hand-loop" -> HandWrittenLoop.run(config);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    /**
     * The real {@code run} command; the at_least_once rows, which {@code run} refuses (it can lose
     * output), run the same application directly, for comparison only.
     */
    private static void runTicketSync(final Path configFile, final TicketSyncConfig config) throws InterruptedException {
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(config.kafka().processingGuarantee())) {
            Main.main(new String[] {"run", "--config", configFile.toString()});
        } else {
            System.exit(runUntilStopped(TicketSyncApp.of(config)));
        }
    }

    /** The stream thread that first meets a BENCH-FAULT change dies of a recoverable failure. */
    private static int runFaulty(final TicketSyncConfig config, final StatsReporter stats) throws InterruptedException {
        final AtomicBoolean fired = new AtomicBoolean();
        return runUntilStopped(new TicketSyncApp(config, FaultyTopology.failingOn(config,
                change -> change.ticketId().startsWith(FAULT_TICKET_PREFIX),
                () -> {
                    if (fired.compareAndSet(false, true)) {
                        stats.faultInjected();
                        return new TimeoutException("injected by the benchmark: broker went away mid-batch");
                    }
                    return null;
                })));
    }

    /** Runs the app until it ends or SIGTERM asks it to stop; returns its exit code. */
    private static int runUntilStopped(final TicketSyncApp app) throws InterruptedException {
        final CountDownLatch ended = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.requestStop("SIGTERM");
            try {
                ended.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            return app.run();
        } finally {
            ended.countDown();
        }
    }
}
