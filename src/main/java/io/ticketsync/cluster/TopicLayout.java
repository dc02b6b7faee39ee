package io.ticketsync.cluster;

import io.ticketsync.config.Topics;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.List;
import java.util.Map;

/**
 * The topics as docs/contract.md lays them out: input and replay with 6 partitions, compacted output, dead
 * letters, compacted resolutions, the brake's compacted control topic, and the audit trail (deleted
 * after its configured retention).
 */
public final class TopicLayout {

    public static final int INPUT_PARTITIONS = 6;

    private TopicLayout() {
    }

    /**
     * The names of the topics {@link #newTopics} lays out, in its order: what the startup check
     * reports on (replication, {@code min.insync.replicas}), so a topic added there is checked too.
     */
    public static List<String> names(final Topics topics) {
        return newTopics(topics, (short) 1).stream().map(NewTopic::name).toList();
    }

    /** The store's changelog, which Kafka Streams creates on the first start. */
    public static String changelog(final String applicationId) {
        return applicationId + "-" + TicketSyncTopology.STORE + "-changelog";
    }

    /** Every topic with the given replication factor (1 for a single-broker cluster). */
    public static List<NewTopic> newTopics(final Topics topics, final short replicationFactor) {
        return List.of(
                new NewTopic(topics.input(), INPUT_PARTITIONS, replicationFactor),
                // As many partitions as the input: a replay keeps its letter's source partition, so a
                // ticket's replayed changes reach the task that holds its state.
                new NewTopic(topics.replay(), INPUT_PARTITIONS, replicationFactor),
                // Same partition count as the input, so output for a ticket stays in one partition.
                new NewTopic(topics.output(), INPUT_PARTITIONS, replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(topics.deadLetter(), 1, replicationFactor),
                // One decision per letter (partition@offset); compaction keeps the latest.
                new NewTopic(topics.resolutions(), 1, replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                // The brake's state: one partition keeps its events in order; compaction keeps the latest.
                new NewTopic(topics.control(), 1, replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                // The audit trail: one partition gives it one order; every event is kept for the stated
                // retention (never compacted: one person's events share a key).
                new NewTopic(topics.audit(), 1, replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topics.auditRetentionMs()))));
    }
}
