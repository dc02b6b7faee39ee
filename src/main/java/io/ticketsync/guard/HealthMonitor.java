package io.ticketsync.guard;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Liveness and readiness from what the client is doing, not from the process being up. Live: the
 * client is not failed, no partition is stuck, progress sampling itself works, and no extra
 * liveness check fails. Ready: live, RUNNING, and no readiness check fails (the dead-letter surge
 * brake holds a paused instance live but not ready). Whoever acts on stuck processing (exit, or
 * just report) is told through {@code onStuck}.
 */
public final class HealthMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    /** Takes progress samples; returns (and remembers) the stuck partitions, described. */
    interface Sampler {
        List<String> sample() throws InterruptedException;

        List<String> stuck();
    }

    /** An additional reason for liveness to fail; null when fine. */
    @FunctionalInterface
    public interface HealthCheck {
        String failure();
    }

    /** Why the client's state means the application has failed, if it does (the runner knows). */
    @FunctionalInterface
    public interface ClientFailure {
        Optional<String> of(State state);
    }

    private record SamplingFailure(String why, long sinceNanos) {
    }

    private final KafkaStreams streams;
    private final ClientFailure clientFailure;
    private final Sampler sampler;
    private final Duration stuckTimeout;
    private final LongSupplier nanoClock;
    private final Consumer<String> onStuck;
    private final List<HealthCheck> extraChecks;
    private final List<HealthCheck> readinessChecks;
    /** Why sampling fails and since when; null while it works. */
    private volatile SamplingFailure samplingFailure;

    public HealthMonitor(final KafkaStreams streams, final ClientFailure clientFailure, final Sampler sampler,
                  final Duration stuckTimeout, final LongSupplier nanoClock, final Consumer<String> onStuck,
                  final List<HealthCheck> extraChecks, final List<HealthCheck> readinessChecks) {
        this.streams = streams;
        this.clientFailure = clientFailure;
        this.sampler = sampler;
        this.stuckTimeout = stuckTimeout;
        this.nanoClock = nanoClock;
        this.onStuck = onStuck;
        this.extraChecks = List.copyOf(extraChecks);
        this.readinessChecks = List.copyOf(readinessChecks);
    }

    public HealthReport liveness() {
        final State state = streams.state();
        final List<String> reasons = new ArrayList<>();
        clientFailure.of(state).ifPresent(reasons::add);
        sampler.stuck().forEach(stuck -> reasons.add("processing stuck: " + stuck));
        final SamplingFailure failure = samplingFailure;
        if (failure != null) {
            reasons.add(describe(failure));
        }
        addFailures(extraChecks, reasons);
        return new HealthReport(reasons.isEmpty(), state.name(), threads(), reasons);
    }

    public HealthReport readiness() {
        final HealthReport live = liveness();
        final List<String> reasons = new ArrayList<>(live.reasons());
        if (!State.RUNNING.name().equals(live.state())) {
            reasons.add("Kafka Streams client is " + live.state() + ", not RUNNING");
        }
        addFailures(readinessChecks, reasons);
        return new HealthReport(reasons.isEmpty(), live.state(), live.threads(), reasons);
    }

    /**
     * Takes one progress sample; called periodically so stuck detection does not depend on probes.
     * Never throws, since a scheduler silently stops calling a task that threw: a failing sample
     * is itself a liveness failure, and one that lasts the stuck timeout is acted on like stuck
     * processing.
     */
    public void sample() {
        try {
            final List<String> stuck = sampler.sample();
            samplingFailure = null;
            if (!stuck.isEmpty()) {
                LOG.warn("Processing is stuck: {}", stuck);
                onStuck.accept("processing stuck: " + String.join("; ", stuck));
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException | Error e) {
            final SamplingFailure previous = samplingFailure;
            final SamplingFailure current = new SamplingFailure(String.valueOf(e),
                    previous == null ? nanoClock.getAsLong() : previous.sinceNanos());
            samplingFailure = current;
            LOG.warn("Progress sampling failed", e);
            if (nanoClock.getAsLong() - current.sinceNanos() >= stuckTimeout.toNanos()) {
                onStuck.accept(describe(current));
            }
        }
    }

    private static void addFailures(final List<HealthCheck> checks, final List<String> reasons) {
        checks.forEach(check -> {
            final String why = check.failure();
            if (why != null) {
                reasons.add(why);
            }
        });
    }

    private String describe(final SamplingFailure failure) {
        return "progress sampling failing for " + Duration.ofNanos(nanoClock.getAsLong() - failure.sinceNanos()).toSeconds()
                + " s: " + failure.why();
    }

    private List<HealthReport.ThreadHealth> threads() {
        return LocalThreads.of(streams).stream()
                .map(thread -> new HealthReport.ThreadHealth(thread.threadName(), thread.threadState(),
                        thread.activeTasks().stream().map(task -> task.taskId().toString()).sorted().toList()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }
}
