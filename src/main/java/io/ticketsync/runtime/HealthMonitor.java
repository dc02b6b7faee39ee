package io.ticketsync.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Liveness and readiness from what the client is doing, not from the process being up. Live: the
 * client is not failed and no partition is stuck. Ready: live and RUNNING.
 */
public final class HealthMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final KafkaStreams streams;
    private final ProgressWatchdog watchdog;
    private final StreamsLifecycle lifecycle;

    HealthMonitor(final KafkaStreams streams, final ProgressWatchdog watchdog, final StreamsLifecycle lifecycle) {
        this.streams = streams;
        this.watchdog = watchdog;
        this.lifecycle = lifecycle;
    }

    public HealthReport liveness() {
        final State state = streams.state();
        final List<String> reasons = new ArrayList<>();
        lifecycle.failureOf(state).ifPresent(reasons::add);
        watchdog.stuck().forEach(stuck -> reasons.add("processing stuck: " + stuck));
        return new HealthReport(reasons.isEmpty(), state.name(), threads(), reasons);
    }

    public HealthReport readiness() {
        final HealthReport live = liveness();
        final List<String> reasons = new ArrayList<>(live.reasons());
        if (!State.RUNNING.name().equals(live.state())) {
            reasons.add("Kafka Streams client is " + live.state() + ", not RUNNING");
        }
        return new HealthReport(reasons.isEmpty(), live.state(), live.threads(), reasons);
    }

    /** Takes one progress sample; called periodically so stuck detection does not depend on probes. */
    void sample() {
        final List<TaskMetadata> tasks = new ArrayList<>();
        localThreads().forEach(thread -> tasks.addAll(thread.activeTasks()));
        final Collection<String> stuck = watchdog.sample(tasks);
        if (!stuck.isEmpty()) {
            LOG.warn("Processing is stuck: {}", stuck);
        }
    }

    private List<HealthReport.ThreadHealth> threads() {
        return localThreads().stream()
                .map(thread -> new HealthReport.ThreadHealth(thread.threadName(), thread.threadState(),
                        thread.activeTasks().stream().map(task -> task.taskId().toString()).sorted().toList()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    private Set<ThreadMetadata> localThreads() {
        try {
            return streams.metadataForLocalThreads();
        } catch (final RuntimeException e) {
            // A closed or failed client may refuse; health then reports state and reasons only.
            return Set.of();
        }
    }
}
