package io.ticketsync.runtime;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.Backoff;
import io.ticketsync.control.ControlTopic;
import io.ticketsync.control.ReplayHalt;
import io.ticketsync.guard.DeadLetterSurgeBrake;
import io.ticketsync.guard.Trip;
import io.ticketsync.metrics.TicketSyncMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a trip of the replay window does: nothing to the live stream (it keeps running, ready). It
 * logs and counts the halt, starts a fresh replay window, and records a {@link ReplayHalt} in the
 * control topic, where the running replay (CLI or console) reads it between batches and stops.
 */
final class ReplayHaltRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayHaltRecorder.class);

    private final TicketSyncConfig config;
    private final DeadLetterSurgeBrake replayWindow;
    private final TicketSyncMetrics metrics;
    private final ControlTopic topic;
    private final String instance;
    /**
     * The latest halt not yet written. A replay that keeps failing trips the fresh window again and
     * again while the first halt is being written: one write of the latest says it all.
     */
    private final AtomicReference<ReplayHalt> unwritten = new AtomicReference<>();
    /** One writer thread, off the stream thread. */
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "ticket-sync-replay-halt-recorder");
        thread.setDaemon(true);
        return thread;
    });

    ReplayHaltRecorder(final TicketSyncConfig config, final DeadLetterSurgeBrake replayWindow,
                       final TicketSyncMetrics metrics, final String instance) {
        this.config = config;
        this.replayWindow = replayWindow;
        this.metrics = metrics;
        this.topic = new ControlTopic(config);
        this.instance = instance;
    }

    void start() {
        replayWindow.onTrip(this::tripped);
    }

    /** On the stream thread that recorded the tripping outcome. */
    private void tripped(final Trip trip) {
        final ReplayHalt halt = ReplayHalt.of(trip, instance, Instant.now());
        // A fresh window: the next replay is judged on its own records, not on the halted one's.
        replayWindow.rearm();
        metrics.replayHalted();
        LOG.error("Halting replays into {}: {} ({}). The live stream keeps running; fix the cause, then replay again",
                config.topics().replay(), halt.reason(), trip.describe());
        if (unwritten.getAndSet(halt) == null) {
            recorder.execute(this::record);
        }
    }

    /** Retries until the latest halt is in the control topic or the application closes. */
    private void record() {
        final Backoff backoff = new Backoff();
        while (!Thread.currentThread().isInterrupted()) {
            final ReplayHalt halt = unwritten.get();
            try {
                topic.write(halt, config.startupTimeout());
                LOG.info("Recorded the replay halt in {}: a running replay stops before its next batch", topic.name());
                if (unwritten.compareAndSet(halt, null)) {
                    return;
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // Closing: Kafka turned the interrupt into its own exception.
                    return;
                }
                LOG.error("Cannot record the replay halt in {} yet: {}; retrying", topic.name(), e.toString());
                try {
                    Thread.sleep(backoff.next().toMillis());
                } catch (final InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        recorder.shutdownNow();
    }
}
