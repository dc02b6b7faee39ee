package io.ticketsync.runtime;

import io.ticketsync.config.SurgeAction;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.Backoff;
import io.ticketsync.control.BrakeEvent;
import io.ticketsync.control.BrakeWatch;
import io.ticketsync.control.ControlTopic;
import io.ticketsync.guard.DeadLetterSurgeBrake;
import io.ticketsync.guard.Trip;
import io.ticketsync.metrics.TicketSyncMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes the dead-letter surge brake group-wide and durable. A trip of this instance's window
 * pauses it at once and is recorded in the control topic; every instance (this one included)
 * tails that topic, pauses while the brake is engaged, starts paused when it was engaged before
 * the start, and resumes with a fresh window once an operator releases it. A paused instance stays
 * live and says why on readiness, on /metrics and in the log.
 */
final class GroupBrake implements BrakeWatch.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupBrake.class);

    private final TicketSyncConfig config;
    private final KafkaStreams streams;
    private final DeadLetterSurgeBrake brake;
    private final TicketSyncMetrics metrics;
    private final StreamsLifecycle lifecycle;
    private final ControlTopic topic;
    private final String instance;
    private volatile BrakeWatch watch;
    /** A trip of this instance not yet in the control topic; null otherwise. */
    private volatile Trip unrecorded;
    private volatile boolean closed;

    GroupBrake(final TicketSyncConfig config, final KafkaStreams streams, final DeadLetterSurgeBrake brake,
               final TicketSyncMetrics metrics, final StreamsLifecycle lifecycle) {
        this.config = config;
        this.streams = streams;
        this.brake = brake;
        this.metrics = metrics;
        this.lifecycle = lifecycle;
        this.topic = new ControlTopic(config);
        this.instance = InstanceName.of();
    }

    /**
     * Takes the brake's state as read before the client starts (paused if engaged), so a restart
     * after a trip processes and dead-letters nothing until an operator releases it; then watches
     * for changes.
     */
    void startBeforeStreams(final ControlTopic.BrakeState state) {
        if (state.engaged()) {
            streams.pause();
            LOG.error("Starting paused: the dead-letter surge brake is engaged ({}). Nothing is processed until an"
                    + " operator runs `ticket-sync brake release --note \"...\"`", state.latest().get().describe());
        }
        brake.onTrip(this::tripped);
        metrics.brakeEngaged(this::engaged);
        watch = new BrakeWatch(topic, state, this, System::nanoTime).start();
    }

    /** Whether the brake holds this instance paused. */
    boolean engaged() {
        final BrakeWatch current = watch;
        return unrecorded != null || current != null && current.engaged();
    }

    /** Why the instance is not ready because of the brake, if it is not. */
    Optional<String> readinessProblem() {
        final Trip local = unrecorded;
        if (local != null) {
            return Optional.of("paused by the dead-letter surge brake (tripped here, being recorded in " + topic.name() + "): "
                    + local.describe());
        }
        final BrakeWatch current = watch;
        if (current == null) {
            return Optional.empty();
        }
        if (current.engaged()) {
            return current.current().map(event -> "paused by the dead-letter surge brake: " + event.describe());
        }
        return current.readFailure();
    }

    /** A watch that stopped for good (an Error) leaves the instance blind to trips: not live. */
    Optional<String> livenessProblem() {
        final BrakeWatch current = watch;
        return current == null ? Optional.empty() : current.stopped();
    }

    @Override
    public void engaged(final BrakeEvent event) {
        streams.pause();
        LOG.error("Paused by the dead-letter surge brake: {}", event.describe());
    }

    @Override
    public void released(final BrakeEvent event) {
        brake.rearm();
        unrecorded = null;
        streams.resume();
        LOG.warn("Resuming: the dead-letter surge brake was released ({})", event.describe());
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        final BrakeWatch current = watch;
        if (current != null) {
            current.close();
        }
    }

    /** On the stream thread that recorded the tripping outcome: pause here now, record for the group apart. */
    private void tripped(final Trip trip) {
        unrecorded = trip;
        streams.pause();
        metrics.surgeBrakeTripped(trip.stage() == null ? TicketSyncMetrics.ALL : trip.stage().name(),
                trip.reason() == null ? TicketSyncMetrics.ALL : trip.reason().code());
        LOG.error("Dead-letter surge brake tripped: {}. Pausing every instance of {}; fix the cause, then"
                + " `ticket-sync brake release --note \"...\"` and {}", trip.describe(), config.applicationId(), trip.replayHint());
        final Thread recorder = new Thread(() -> record(trip), "ticket-sync-brake-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    /** Writes the trip to the control topic, retrying with back-off until it is there (or the app closes). */
    private void record(final Trip trip) {
        final BrakeEvent event = BrakeEvent.engaged(trip, instance, Instant.now());
        final Backoff backoff = new Backoff();
        while (!closed) {
            try {
                topic.write(event, config.startupTimeout());
                unrecorded = null;
                LOG.info("Recorded the brake's trip in {}: every instance pauses", topic.name());
                break;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (final RuntimeException e) {
                final Duration wait = backoff.next();
                LOG.error("Cannot record the brake's trip in {} yet (this instance stays paused; the others do not know):"
                        + " {}; retrying in {} s", topic.name(), e.toString(), wait.toSeconds());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (final InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (config.guards().surgeLimits().action() == SurgeAction.EXIT) {
            lifecycle.fail(new Termination(ExitCodes.DEAD_LETTER_SURGE, "dead-letter surge brake: " + trip.describe()
                    + " (dlq.surge.action=exit; a restarted instance starts paused until `ticket-sync brake release`)"));
        }
    }
}
