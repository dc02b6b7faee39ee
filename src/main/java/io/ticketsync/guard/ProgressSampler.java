package io.ticketsync.guard;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feeds the watchdog: the local threads' active tasks, plus the broker's log-end offsets for the
 * partitions of threads that have stopped polling (their own view of what waits is stale).
 */
public final class ProgressSampler implements HealthMonitor.Sampler {

    private final KafkaStreams streams;
    private final ProgressWatchdog watchdog;
    private final PollActivity polling;
    private final BrokerEndOffsets brokerEnds;

    public ProgressSampler(final KafkaStreams streams, final ProgressWatchdog watchdog, final PollActivity polling,
                    final BrokerEndOffsets brokerEnds) {
        this.streams = streams;
        this.watchdog = watchdog;
        this.polling = polling;
        this.brokerEnds = brokerEnds;
    }

    @Override
    public List<String> sample() throws InterruptedException {
        final Set<ThreadMetadata> threads = LocalThreads.of(streams);
        final List<TaskMetadata> tasks = new ArrayList<>();
        final Set<TopicPartition> silent = new HashSet<>();
        for (final ThreadMetadata thread : threads) {
            tasks.addAll(thread.activeTasks());
            if (!thread.activeTasks().isEmpty() && polling.stoppedPolling(thread)) {
                thread.activeTasks().forEach(task -> silent.addAll(task.topicPartitions()));
            }
        }
        final Map<TopicPartition, Long> brokerEndOffsets = brokerEnds.of(silent);
        return watchdog.sample(tasks, brokerEndOffsets);
    }

    @Override
    public List<String> stuck() {
        return watchdog.stuck();
    }
}
