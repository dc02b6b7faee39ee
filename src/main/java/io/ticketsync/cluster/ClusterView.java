package io.ticketsync.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the startup check needs to know of the cluster, read once: for each topic whether it
 * exists, its replication factor and its configuration, and one broker's configuration (the
 * defaults a topic not yet created will get). A figure this principal may not read is absent (the
 * checks then warn and go on); a figure that cannot be read in time is a problem.
 */
final class ClusterView {

    /** One topic as read: absent replicas, partitions or configs mean "may not be read", not "none". */
    record TopicState(String name, boolean exists, OptionalInt replicas, OptionalInt partitions,
                      Optional<Map<String, String>> configs) {

        Optional<String> config(final String key) {
            return configs.map(values -> values.get(key));
        }
    }

    private final Map<String, TopicState> topics;
    private final int brokers;
    private final Optional<Map<String, String>> brokerConfigs;
    private final List<String> problems;

    private ClusterView(final Map<String, TopicState> topics, final int brokers,
                        final Optional<Map<String, String>> brokerConfigs, final List<String> problems) {
        this.topics = topics;
        this.brokers = brokers;
        this.brokerConfigs = brokerConfigs;
        this.problems = problems;
    }

    /** Reads {@code names} and a broker's configuration within what is left of {@code deadline}. */
    static ClusterView read(final Admin admin, final Deadline deadline, final Collection<String> names) {
        final List<String> problems = new ArrayList<>();
        final Collection<Node> nodes = await(admin.describeCluster(new DescribeClusterOptions()
                .timeoutMs(remainingMs(deadline))).nodes(), deadline);
        final Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names,
                new DescribeTopicsOptions().timeoutMs(remainingMs(deadline))).topicNameValues();
        final Map<String, OptionalInt> replicas = new LinkedHashMap<>();
        final Map<String, OptionalInt> partitions = new LinkedHashMap<>();
        final List<String> existing = new ArrayList<>();
        for (final String name : names) {
            try {
                final TopicDescription description = await(described.get(name), deadline);
                replicas.put(name, OptionalInt.of(fewestReplicas(description)));
                partitions.put(name, OptionalInt.of(description.partitions().size()));
                existing.add(name);
            } catch (final UnknownTopicOrPartitionException absent) {
                replicas.put(name, null);
            } catch (final AuthorizationException notAllowed) {
                replicas.put(name, OptionalInt.empty());
                partitions.put(name, OptionalInt.empty());
                existing.add(name);
            }
        }
        final List<ConfigResource> resources = new ArrayList<>(existing.stream().map(ClusterView::topicResource).toList());
        final Optional<ConfigResource> broker = nodes.stream().findFirst()
                .map(node -> new ConfigResource(ConfigResource.Type.BROKER, node.idString()));
        broker.ifPresent(resources::add);
        final Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(resources,
                new DescribeConfigsOptions().timeoutMs(remainingMs(deadline))).values();
        final Map<String, TopicState> topics = new LinkedHashMap<>();
        for (final String name : names) {
            final OptionalInt replicaCount = replicas.get(name);
            if (replicaCount == null) {
                topics.put(name, new TopicState(name, false, OptionalInt.empty(), OptionalInt.empty(), Optional.empty()));
            } else {
                topics.put(name, new TopicState(name, true, replicaCount, partitions.get(name),
                        configsOf(configs.get(topicResource(name)), "topic '" + name + "'", deadline, problems)));
            }
        }
        final Optional<Map<String, String>> brokerConfigs = broker.flatMap(resource ->
                configsOf(configs.get(resource), "broker " + resource.name(), deadline, problems));
        return new ClusterView(topics, nodes.size(), brokerConfigs, List.copyOf(problems));
    }

    /** The topic as read; never null for a name that was asked for. */
    TopicState topic(final String name) {
        return topics.get(name);
    }

    List<TopicState> topics() {
        return List.copyOf(topics.values());
    }

    /** How many brokers the cluster reported. */
    int brokers() {
        return brokers;
    }

    /** A broker's value of {@code key}: what a topic created without it gets. Empty when not readable. */
    Optional<String> brokerConfig(final String key) {
        return brokerConfigs.map(values -> values.get(key));
    }

    /** Figures that could not be read although reading them was allowed. */
    List<String> problems() {
        return problems;
    }

    private static int fewestReplicas(final TopicDescription description) {
        return description.partitions().stream().mapToInt(partition -> replicasOf(partition)).min().orElse(0);
    }

    private static int replicasOf(final TopicPartitionInfo partition) {
        return partition.replicas().size();
    }

    private static Optional<Map<String, String>> configsOf(final KafkaFuture<Config> future, final String what,
                                                          final Deadline deadline, final List<String> problems) {
        try {
            final Map<String, String> values = new LinkedHashMap<>();
            for (final ConfigEntry entry : await(future, deadline).entries()) {
                if (entry.value() != null) {
                    values.put(entry.name(), entry.value());
                }
            }
            return Optional.of(values);
        } catch (final AuthorizationException notAllowed) {
            return Optional.empty();
        } catch (final StartupCheckException deadlinePassed) {
            throw deadlinePassed;
        } catch (final RuntimeException other) {
            problems.add("cannot read the configuration of " + what + ": " + other);
            return Optional.empty();
        }
    }

    private static ConfigResource topicResource(final String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    /** The future's value; its failure's cause thrown as is; the deadline as a startup-check failure. */
    private static <T> T await(final KafkaFuture<T> future, final Deadline deadline) {
        try {
            return future.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StartupCheckException("reading the topics' settings failed: " + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            throw new StartupCheckException("the cluster did not describe the topics' settings within startup.timeout.ms", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupCheckException("interrupted during the startup check", e);
        }
    }

    private static int remainingMs(final Deadline deadline) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.remaining().toMillis()));
    }
}
