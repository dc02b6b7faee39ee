package io.ticketsync.guard;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Feeds the watchdog one sample: the partitions the instance owns (its main consumers' own
 * assignments), which of them are restoring, and the broker's offsets for the others. While the
 * instance is paused on purpose (the surge brake) nothing is judged, and the broker is not asked.
 */
public final class ProgressSampler implements HealthMonitor.Sampler {

    /** The broker's offsets for some partitions; throws when it cannot say. */
    @FunctionalInterface
    public interface Offsets {
        Map<TopicPartition, PartitionOffsets> of(Collection<TopicPartition> partitions) throws InterruptedException;
    }

    private final OwnedPartitions owned;
    private final RestoringPartitions restoring;
    private final Offsets offsets;
    private final ProgressWatchdog watchdog;
    private final BooleanSupplier paused;

    public ProgressSampler(final OwnedPartitions owned, final RestoringPartitions restoring, final Offsets offsets,
                           final ProgressWatchdog watchdog, final BooleanSupplier paused) {
        this.owned = owned;
        this.restoring = restoring;
        this.offsets = offsets;
        this.watchdog = watchdog;
        this.paused = paused;
    }

    @Override
    public List<String> sample() throws InterruptedException {
        if (paused.getAsBoolean()) {
            watchdog.paused();
            return List.of();
        }
        final Set<TopicPartition> mine = owned.all();
        final Map<TopicPartition, Long> restores = restoring.progress();
        final Set<TopicPartition> processed = new HashSet<>(mine);
        processed.removeAll(restores.keySet());
        return watchdog.sample(mine, restores, offsets.of(processed));
    }

    @Override
    public List<String> stuck() {
        return watchdog.stuck();
    }
}
