package io.ticketsync.cluster;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;

import java.util.List;
import java.util.OptionalInt;

/**
 * Refuses to run when the replay topic has another partition count than the input. A replayed
 * letter keeps its source partition, and Kafka Streams joins partition i of both topics into task
 * i; with unequal counts a replayed change would reach a task without the ticket's state (or no
 * partition at all), bypassing the stale-version check.
 */
final class ReplayPartitionCheck {

    private final TicketSyncConfig config;

    ReplayPartitionCheck(final TicketSyncConfig config) {
        this.config = config;
    }

    List<String> topics() {
        return List.of(config.topics().input(), config.topics().replay());
    }

    void check(final ClusterView cluster, final Findings findings) {
        final String input = config.topics().input();
        final String replay = config.topics().replay();
        final OptionalInt inputPartitions = cluster.topic(input).partitions();
        final OptionalInt replayPartitions = cluster.topic(replay).partitions();
        // An absent topic is the access check's problem; one that may not be described cannot be compared.
        if (inputPartitions.isEmpty() || replayPartitions.isEmpty()) {
            return;
        }
        if (inputPartitions.getAsInt() != replayPartitions.getAsInt()) {
            findings.problem("the replay topic '" + replay + "' (" + ConfigKeys.REPLAY_TOPIC + ") has "
                    + replayPartitions.getAsInt() + " partitions, the input topic '" + input + "' has "
                    + inputPartitions.getAsInt() + ": they must be equal, so a replayed letter reaches the task that"
                    + " holds its ticket's state; recreate the replay topic with " + inputPartitions.getAsInt() + " partitions");
            return;
        }
        findings.figure("input '" + input + "' and replay '" + replay + "' have " + inputPartitions.getAsInt() + " partitions each");
    }
}
