package io.ticketsync.runtime;

import io.ticketsync.config.InvalidConfigException;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.config.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Verifies before anything starts that the cluster answers and that the input topic exists and is
 * readable and the output and dead-letter topics exist and are writable, and accept records as
 * large as ticket-sync may send them ({@link RecordLimitCheck}). Without it a missing dead-letter
 * topic makes sends retry forever while the application looks RUNNING.
 */
final class TopicCheck {

    /**
     * How often the check runs before it gives up: a topic created a moment ago (by a deploy job)
     * may not be visible yet, so any problem is looked at again a second later.
     */
    private static final int ATTEMPTS = 3;

    private final TicketSyncConfig config;

    TopicCheck(final TicketSyncConfig config) {
        this.config = config;
    }

    /** Ends within {@code startup.timeout.ms}, plus at most a second or two to close the admin client. */
    void verify() throws InterruptedException {
        final Deadline deadline = Deadline.after(config.startupTimeout());
        requireValidClientSettings();
        BootstrapReachability.await(config.bootstrapServers(), config.startupTimeout(), deadline);
        try (Admin admin = createAdmin()) {
            List<String> problems = problems(admin, deadline);
            for (int attempt = 1; attempt < ATTEMPTS && !problems.isEmpty() && deadline.remaining().toMillis() > 1_000; attempt++) {
                Thread.sleep(1_000);
                problems = problems(admin, deadline);
            }
            if (!problems.isEmpty()) {
                throw new StartupCheckException("startup check failed: " + String.join("; ", problems));
            }
        }
    }

    /**
     * A consumer builds its security layer when it is created but connects only when used, so
     * creating one reports a malformed client setting (a broken {@code sasl.jaas.config}) as the
     * configuration error it is (exit 3), whether or not the cluster is reachable.
     */
    private void requireValidClientSettings() {
        final Map<String, Object> consumerConfig = config.consumerClientConfigs("ticket-sync-config-check");
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
        final Map<String, Object> adminConfig = config.adminClientConfigs("ticket-sync-startup-check");
        final int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.startupTimeout().toMillis());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        try {
            return Admin.create(adminConfig);
        } catch (final KafkaException e) {
            throw configurationError(e);
        }
    }

    private List<String> problems(final Admin admin, final Deadline deadline) {
        final Topics topics = config.topics();
        final Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(
                        List.of(topics.input(), topics.output(), topics.deadLetter()),
                        new DescribeTopicsOptions().includeAuthorizedOperations(true)
                                .timeoutMs((int) Math.max(1, deadline.remaining().toMillis())))
                .topicNameValues();
        final List<String> problems = new ArrayList<>();
        check(descriptions.get(topics.input()), topics.input(), "input", AclOperation.READ, problems, deadline);
        check(descriptions.get(topics.output()), topics.output(), "output", AclOperation.WRITE, problems, deadline);
        check(descriptions.get(topics.deadLetter()), topics.deadLetter(), "dead-letter", AclOperation.WRITE, problems,
                deadline);
        // Limits only mean something once the topics are there.
        if (problems.isEmpty()) {
            problems.addAll(new RecordLimitCheck(config).problems(admin, deadline));
        }
        return problems;
    }

    private void check(final KafkaFuture<TopicDescription> future, final String topic, final String role,
                       final AclOperation needed, final List<String> problems, final Deadline deadline) {
        try {
            final TopicDescription description = future.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
            final Set<AclOperation> allowed = description.authorizedOperations();
            // Brokers that do not report operations leave this null; then the first send will tell.
            if (allowed != null && !allowed.contains(needed) && !allowed.contains(AclOperation.ALL)) {
                problems.add(role + " topic '" + topic + "' exists but this principal lacks " + needed + " on it");
            }
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof SslAuthenticationException) {
                throw new StartupCheckException("TLS handshake with bootstrap.servers=" + config.bootstrapServers()
                        + " failed; check ssl.truststore.* (does it trust the broker's certificate?) and ssl.keystore.*: "
                        + e.getCause().getMessage(), e.getCause());
            }
            if (e.getCause() instanceof AuthenticationException) {
                throw new StartupCheckException("authentication with bootstrap.servers=" + config.bootstrapServers()
                        + " failed; check security.protocol and the sasl.* settings: " + e.getCause().getMessage(), e.getCause());
            }
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                problems.add(role + " topic '" + topic + "' does not exist (create it, or set the topic key)");
            } else {
                problems.add("cannot describe " + role + " topic '" + topic + "': " + e.getCause());
            }
        } catch (final TimeoutException e) {
            throw new StartupCheckException("Kafka at bootstrap.servers=" + config.bootstrapServers() + " did not describe the "
                    + role + " topic '" + topic + "' within startup.timeout.ms=" + config.startupTimeout().toMillis()
                    + " ms; is the cluster healthy, or does it need a longer startup.timeout.ms?", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupCheckException("interrupted during the startup check", e);
        }
    }
}
