package io.ticketsync.testing;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.TicketSyncApp;
import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link TicketSyncApp} running on a background thread, as {@code run} would run it. */
public final class RunningApp implements AutoCloseable {

    private final TicketSyncApp app;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    private RunningApp(final TicketSyncApp app) {
        this.app = app;
        final Thread thread = new Thread(() -> {
            try {
                exitCode.complete(app.run());
            } catch (final Throwable e) {
                exitCode.completeExceptionally(e);
            }
        }, "ticket-sync-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    public static RunningApp start(final TicketSyncConfig config, final Topology topology) {
        return new RunningApp(new TicketSyncApp(config, topology));
    }

    public TicketSyncApp app() {
        return app;
    }

    /** The HTTP port, once serving. */
    public int port() throws InterruptedException {
        return app.awaitServing(Duration.ofSeconds(60)).orElseThrow(() ->
                new AssertionError("app ended before serving HTTP, exit code " + exitCode.getNow(null)));
    }

    public HttpProbe http() throws InterruptedException {
        return new HttpProbe(port());
    }

    public int awaitExit(final Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean hasExited() {
        return exitCode.isDone();
    }

    /** Asks for a graceful stop, as SIGTERM does, and returns the exit code. */
    public int stop() throws Exception {
        app.requestStop("test stop");
        return awaitExit(Duration.ofSeconds(60));
    }

    @Override
    public void close() throws Exception {
        if (!hasExited()) {
            stop();
        }
    }
}
