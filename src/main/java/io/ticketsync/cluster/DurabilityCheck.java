package io.ticketsync.cluster;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reports the durability the "nothing lost" promise rests on: each topic's replication factor and
 * {@code min.insync.replicas}, for the topics of {@link TopicLayout} and the changelog. Warns when
 * an acknowledged record could be lost with one broker (one replica, or {@code min.insync.replicas=1}
 * with more: the leader may acknowledge alone and then fail), except on a single-broker cluster
 * (dev, tests), where nothing else is possible and the warning would be noise nobody can act on.
 * Refuses a topic with fewer replicas than {@code topics.min.replication}, naming it.
 */
final class DurabilityCheck {

    private static final String BROKER_DEFAULT_REPLICATION = "default.replication.factor";
    private static final String BROKER_MIN_INSYNC = "min.insync.replicas";

    private final TicketSyncConfig config;
    private final String changelog;

    DurabilityCheck(final TicketSyncConfig config) {
        this.config = config;
        this.changelog = TopicLayout.changelog(config.applicationId());
    }

    /** Every topic of the layout (a topic added there is checked too), and the changelog. */
    List<String> topics() {
        final List<String> topics = new ArrayList<>(TopicLayout.names(config.topics()));
        topics.add(changelog);
        return topics;
    }

    void check(final ClusterView cluster, final Findings findings) {
        final List<String> figures = new ArrayList<>();
        final boolean singleBroker = cluster.brokers() == 1;
        for (final String name : topics()) {
            final ClusterView.TopicState state = cluster.topic(name);
            if (!state.exists()) {
                figures.add(absent(cluster, name, findings));
                continue;
            }
            final OptionalInt replicas = state.replicas();
            final Optional<Integer> minInsync = state.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).map(Integer::parseInt);
            figures.add("'" + name + "' replication " + (replicas.isPresent() ? replicas.getAsInt() : "unknown")
                    + ", min.insync.replicas " + minInsync.map(String::valueOf).orElse("unknown"));
            if (replicas.isEmpty()) {
                continue;
            }
            requireMinReplication(name, replicas.getAsInt(), "has", findings);
            if (!singleBroker) {
                riskOfLoss(name, replicas.getAsInt(), minInsync).ifPresent(findings::warning);
            }
        }
        findings.figure("durability (" + cluster.brokers() + " broker" + (singleBroker ? ": single-broker cluster, no "
                + "replication possible" : "s") + "): " + String.join("; ", figures));
    }

    /** An absent layout topic is the access check's business; the changelog's future replication is ours. */
    private String absent(final ClusterView cluster, final String name, final Findings findings) {
        if (!name.equals(changelog)) {
            return "'" + name + "' does not exist";
        }
        final Object configured = config.kafka().properties().get(StreamsConfig.REPLICATION_FACTOR_CONFIG);
        final int factor = configured == null ? -1 : Integer.parseInt(String.valueOf(configured));
        // -1, Kafka Streams' default, leaves the factor to the broker's default.replication.factor.
        final Optional<Integer> planned = factor > 0 ? Optional.of(factor)
                : cluster.brokerConfig(BROKER_DEFAULT_REPLICATION).map(Integer::parseInt);
        planned.ifPresent(replicas -> requireMinReplication(name, replicas, "will be created with", findings));
        return "'" + name + "' not created yet, replication " + planned.map(String::valueOf).orElse("unknown")
                + " when Kafka Streams creates it (" + StreamsConfig.REPLICATION_FACTOR_CONFIG + "="
                + factor + (factor > 0 ? "" : ", the broker's " + BROKER_DEFAULT_REPLICATION) + "), min.insync.replicas "
                + cluster.brokerConfig(BROKER_MIN_INSYNC).orElse("unknown");
    }

    private void requireMinReplication(final String name, final int replicas, final String verb, final Findings findings) {
        final short required = config.topicsMinReplication();
        if (replicas < required) {
            findings.problem("topic '" + name + "' " + verb + " " + replicas + " replica" + (replicas == 1 ? "" : "s")
                    + ", fewer than " + ConfigKeys.TOPICS_MIN_REPLICATION + "=" + required
                    + ": acknowledged records could be lost with one broker; raise its replication factor");
        }
    }

    private static Optional<String> riskOfLoss(final String name, final int replicas, final Optional<Integer> minInsync) {
        if (replicas == 1) {
            return Optional.of("topic '" + name + "' has a single replica: an acknowledged record is lost if its broker's"
                    + " disk is");
        }
        if (minInsync.filter(value -> value <= 1).isPresent()) {
            return Optional.of("topic '" + name + "' has " + replicas + " replicas but min.insync.replicas="
                    + minInsync.get() + ": the leader may acknowledge a record alone and lose it when it fails;"
                    + " set min.insync.replicas to 2 or more");
        }
        return Optional.empty();
    }
}
