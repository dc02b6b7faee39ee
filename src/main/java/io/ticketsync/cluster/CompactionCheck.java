package io.ticketsync.cluster;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a resolutions topic that is not compacted: with {@code cleanup.policy=delete} decisions
 * expire with time, and letters resolved, discarded or replayed turn open again (and a replay
 * sends them a second time). When the principal may not read the topic's configuration, says so
 * and goes on.
 */
final class CompactionCheck {

    private final TicketSyncConfig config;

    CompactionCheck(final TicketSyncConfig config) {
        this.config = config;
    }

    List<String> topics() {
        return List.of(config.topics().resolutions());
    }

    void check(final ClusterView cluster, final Findings findings) {
        final String name = config.topics().resolutions();
        final ClusterView.TopicState state = cluster.topic(name);
        if (!state.exists()) {
            return;
        }
        final Optional<String> policy = state.config(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (state.configs().isEmpty() || policy.isEmpty()) {
            findings.warning("cannot read the cleanup.policy of the resolutions topic '" + name
                    + "' (grant DescribeConfigs on it to have it checked); it must be compact");
        } else if (Arrays.stream(policy.get().split(",")).map(String::trim).noneMatch(TopicConfig.CLEANUP_POLICY_COMPACT::equals)) {
            findings.problem("the resolutions topic '" + name + "' has cleanup.policy=" + policy.get()
                    + ": decisions would expire and replayed letters be sent again; set cleanup.policy=compact"
                    + " (kafka-configs.sh --alter --entity-type topics --entity-name " + name
                    + " --add-config cleanup.policy=compact)");
        }
    }
}
