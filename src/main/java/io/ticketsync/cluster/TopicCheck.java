package io.ticketsync.cluster;

import io.ticketsync.config.InvalidConfigException;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.topology.WriteBounds;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies before a command starts that the cluster answers, that the topics it uses exist, that
 * the principal holds the command's {@link AclPlan} as far as {@link AccessCheck} can prove it, and,
 * for {@code run}, that the written topics accept records as large and as timestamped as
 * ticket-sync may send them ({@link RecordLimitCheck}) and that its topics are as replicated as
 * required ({@link DurabilityCheck}), and that the replay topic has the input's partition count
 * ({@link ReplayPartitionCheck}). Without it a missing dead-letter topic makes sends retry
 * forever while the application looks RUNNING.
 */
public final class TopicCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCheck.class);

    /**
     * How often the check runs before it gives up: a topic created a moment ago (by a deploy job)
     * may not be visible yet, so any problem is looked at again a second later.
     */
    private static final int ATTEMPTS = 3;

    private final TicketSyncConfig config;
    private final AclPlan plan;

    /** The check for {@code plan}'s command: its topics exist and its permissions, as far as they can be proven. */
    public TopicCheck(final TicketSyncConfig config, final AclPlan plan) {
        this.config = config;
        this.plan = plan;
    }

    /**
     * Ends within {@code startup.timeout.ms}, plus at most a second or two to close the admin client.
     * Logs the figures it read (INFO) and what it warns about (WARN).
     *
     * @return for {@code run}, what the written topics accept; for other commands, what the
     *         configuration alone says (they write no derived records)
     * @throws StartupCheckException naming every problem found, with the numbers behind it
     */
    public WriteBounds verify() throws InterruptedException {
        final Deadline deadline = Deadline.after(config.startupTimeout());
        requireValidClientSettings();
        BootstrapReachability.await(config.bootstrapServers(), config.startupTimeout(), deadline);
        try (Admin admin = createAdmin()) {
            Outcome outcome = check(admin, deadline);
            for (int attempt = 1; attempt < ATTEMPTS && !outcome.findings().problems().isEmpty()
                    && deadline.remaining().toMillis() > 1_000; attempt++) {
                Thread.sleep(1_000);
                outcome = check(admin, deadline);
            }
            outcome.findings().figures().forEach(figure -> LOG.info("Startup check: {}", figure));
            outcome.findings().warnings().forEach(warning -> LOG.warn("Startup check: {}", warning));
            final List<String> problems = outcome.findings().problems();
            if (!problems.isEmpty()) {
                throw new StartupCheckException("startup check failed: " + String.join("; ", problems));
            }
            return outcome.bounds();
        }
    }

    /** One attempt's findings and the bounds they give. */
    private record Outcome(Findings findings, WriteBounds bounds) {
    }

    /**
     * A consumer builds its security layer when it is created but connects only when used, so
     * creating one reports a malformed client setting (a broken {@code sasl.jaas.config}) as the
     * configuration error it is (exit 3), whether or not the cluster is reachable.
     */
    private void requireValidClientSettings() {
        final Map<String, Object> consumerConfig = config.kafka().consumerClientConfigs("ticket-sync-config-check");
        // Only the settings are judged here; the address is checked next, against the deadline, so an
        // unresolvable host is an unreachable cluster (exit 4), not a configuration error.
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        try {
            new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()).close(Duration.ZERO);
        } catch (final KafkaException e) {
            throw configurationError(e);
        }
    }

    private static InvalidConfigException configurationError(final KafkaException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConfigException || cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        return new InvalidConfigException("cannot create a Kafka client from this configuration: " + cause.getMessage()
                + " (check security.protocol and the sasl.* and ssl.* settings)");
    }

    private Admin createAdmin() {
        final Map<String, Object> adminConfig = config.kafka().adminClientConfigs("ticket-sync-startup-check");
        final int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.startupTimeout().toMillis());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        try {
            return Admin.create(adminConfig);
        } catch (final KafkaException e) {
            throw configurationError(e);
        }
    }

    private Outcome check(final Admin admin, final Deadline deadline) {
        final Findings findings = new Findings();
        new AccessCheck(admin, deadline, config.bootstrapServers()).problems(plan.acls(config)).forEach(findings::problem);
        // Limits only mean something once the topics are there, and only the pipeline writes records.
        if (!findings.problems().isEmpty()) {
            return new Outcome(findings, WriteBounds.fromConfig(config));
        }
        if (plan != AclPlan.RUN) {
            if (plan.readsDecisions(config)) {
                final CompactionCheck compaction = new CompactionCheck(config);
                final ClusterView cluster = ClusterView.read(admin, deadline, compaction.topics());
                cluster.problems().forEach(findings::problem);
                compaction.check(cluster, findings);
            }
            return new Outcome(findings, WriteBounds.fromConfig(config));
        }
        final RecordLimitCheck limits = new RecordLimitCheck(config);
        final DurabilityCheck durability = new DurabilityCheck(config);
        final ReplayPartitionCheck replayPartitions = new ReplayPartitionCheck(config);
        final Set<String> topics = new LinkedHashSet<>(durability.topics());
        topics.addAll(limits.topics());
        topics.addAll(replayPartitions.topics());
        final ClusterView cluster = ClusterView.read(admin, deadline, topics);
        cluster.problems().forEach(findings::problem);
        final WriteBounds bounds = limits.check(cluster, findings);
        durability.check(cluster, findings);
        replayPartitions.check(cluster, findings);
        return new Outcome(findings, bounds);
    }
}
