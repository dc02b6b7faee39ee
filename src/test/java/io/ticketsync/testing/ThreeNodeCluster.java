package io.ticketsync.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A three-node KRaft cluster on 127.0.0.1, each node ({@code process.roles=broker,controller}) its
 * own JVM, as production runs it: replication 3, {@code min.insync.replicas=2}, the offsets and
 * transaction-state topics replicated 3 with a min ISR of 2. A node can be killed with SIGKILL and
 * restarted on its data directory, so a test can take away the leader of a partition or the node
 * holding a coordinator. The internal topics have one partition each, so one node holds the group
 * coordinator of every group and one the transaction coordinator of every transactional id, and a
 * test can move them with {@link #moveLeader}. Close it in a finally block: it kills every node.
 */
public final class ThreeNodeCluster implements AutoCloseable {

    public static final int NODES = 3;
    public static final String OFFSETS_TOPIC = "__consumer_offsets";
    public static final String TRANSACTION_STATE_TOPIC = "__transaction_state";
    private static final String BROKER_MAIN = "kafka.Kafka";
    private static final Duration READY = Duration.ofSeconds(90);

    private final Path dir;
    private final int[] brokerPorts = new int[NODES];
    private final int[] controllerPorts = new int[NODES];
    private final Process[] processes = new Process[NODES];

    private final Map<String, String> extraProperties;

    private ThreeNodeCluster(final Path dir, final Map<String, String> extraProperties) {
        this.dir = dir;
        this.extraProperties = Map.copyOf(extraProperties);
        for (int i = 0; i < NODES; i++) {
            brokerPorts[i] = Ports.free();
            controllerPorts[i] = Ports.free();
        }
    }

    /** Formats three nodes with one cluster id, starts them, and returns once all three are brokers of the cluster. */
    public static ThreeNodeCluster start(final Path dir) throws Exception {
        return start(dir, Map.of());
    }

    /** As {@link #start(Path)}, with extra properties for every node. */
    public static ThreeNodeCluster start(final Path dir, final Map<String, String> extraProperties) throws Exception {
        final ThreeNodeCluster cluster = new ThreeNodeCluster(dir, extraProperties);
        try {
            cluster.formatAll(Uuid.randomUuid().toString());
            for (int node = 1; node <= NODES; node++) {
                cluster.launch(node);
            }
            cluster.awaitBrokers(NODES, READY);
            return cluster;
        } catch (final Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return IntStream.of(brokerPorts).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /**
     * SIGKILL, as {@code kill -9}: no controlled shutdown, no flush. Returns once the controllers
     * have fenced the node (after {@code broker.session.timeout.ms}, 9 s by default), which is when
     * its partitions get new leaders: a node restarted before that would hardly have been away.
     */
    public void kill(final int node) throws InterruptedException {
        final Process process = processes[node - 1];
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + node + " did not die within 30 s");
        }
        try (Admin admin = admin()) {
            Await.succeeds("node " + node + " fenced", () -> {
                final List<Integer> live = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id).toList();
                if (live.contains(node)) {
                    throw new IllegalStateException("still a broker of the cluster: " + live);
                }
                return live;
            }, Duration.ofSeconds(60), Duration.ofMillis(250));
        }
    }

    /** Starts a killed node again on its data directory; returns once the cluster has all three brokers again. */
    public void restart(final int node) throws Exception {
        if (processes[node - 1].isAlive()) {
            throw new IllegalStateException("node " + node + " is running");
        }
        launch(node);
        awaitBrokers(NODES, READY);
    }

    /** Waits until every replica of every partition, internal topics included, is in sync again. */
    public void awaitFullIsr(final Duration timeout) throws InterruptedException {
        try (Admin admin = admin()) {
            Await.succeeds("every partition with all " + NODES + " replicas in sync", () -> {
                final List<String> lagging = underReplicated(admin);
                if (!lagging.isEmpty()) {
                    throw new IllegalStateException("not in sync yet: " + lagging);
                }
                return lagging;
            }, timeout, Duration.ofMillis(250));
        }
    }

    /** The node leading {@code partition} now. */
    public int leaderOf(final TopicPartition partition) throws Exception {
        try (Admin admin = admin()) {
            return info(admin, partition).leader().id();
        }
    }

    /**
     * Makes {@code node} the leader of {@code partition}: puts it first among the replicas (no data
     * moves, the replica set stays the same) and runs a preferred-leader election.
     */
    public void moveLeader(final TopicPartition partition, final int node) throws Exception {
        try (Admin admin = admin()) {
            final List<Integer> replicas = new ArrayList<>(info(admin, partition).replicas().stream().map(Node::id).toList());
            if (replicas.get(0) != node) {
                replicas.remove(Integer.valueOf(node));
                replicas.add(0, node);
                admin.alterPartitionReassignments(Map.of(partition, Optional.of(new NewPartitionReassignment(replicas))))
                        .all().get();
                Await.until("reassignment of " + partition + " done", () -> admin.listPartitionReassignments(Set.of(partition))
                        .reassignments().get().isEmpty(), Boolean::booleanValue, Duration.ofSeconds(30));
            }
            Await.succeeds("node " + node + " leading " + partition, () -> {
                if (info(admin, partition).leader().id() != node) {
                    admin.electLeaders(ElectionType.PREFERRED, Set.of(partition)).all().get();
                    throw new IllegalStateException("leader still " + info(admin, partition).leader().id());
                }
                return node;
            }, Duration.ofSeconds(30), Duration.ofMillis(250));
        }
    }

    /** Where node {@code node} logs. */
    public Path log(final int node) {
        return nodeDir(node).resolve("broker.log");
    }

    @Override
    public void close() throws InterruptedException {
        for (final Process process : processes) {
            if (process != null && process.isAlive()) {
                // The data is a test's: no controlled shutdown, which would wait on a quorum that is leaving too.
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private void formatAll(final String clusterId) throws IOException, InterruptedException {
        final List<Process> formats = new ArrayList<>();
        for (int node = 1; node <= NODES; node++) {
            Files.createDirectories(nodeDir(node));
            Files.writeString(properties(node), serverProperties(node), StandardCharsets.UTF_8);
            // A static quorum (controller.quorum.voters): every node formatted with the same cluster id, no --standalone.
            formats.add(java(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties(node).toString()),
                    log(node)));
        }
        for (int node = 1; node <= NODES; node++) {
            final Process format = formats.get(node - 1);
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting node " + node + " failed; see " + log(node));
            }
        }
    }

    private void launch(final int node) throws IOException {
        processes[node - 1] = java(List.of(BROKER_MAIN, properties(node).toString()), log(node));
    }

    private void awaitBrokers(final int count, final Duration timeout) throws InterruptedException {
        try (Admin admin = admin()) {
            Await.succeeds(count + " brokers in the cluster", () -> {
                for (int node = 1; node <= NODES; node++) {
                    final Process process = processes[node - 1];
                    if (process != null && !process.isAlive() && process.exitValue() != 137) {
                        throw new AssertionError("node " + node + " exited with " + process.exitValue() + "; see " + log(node));
                    }
                }
                final Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                if (nodes.size() < count) {
                    throw new IllegalStateException("brokers so far: " + nodes);
                }
                return nodes;
            }, timeout, Duration.ofMillis(250));
        }
    }

    private static List<String> underReplicated(final Admin admin) throws Exception {
        final Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        final List<String> lagging = new ArrayList<>();
        for (final TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
            for (final TopicPartitionInfo partition : topic.partitions()) {
                if (partition.isr().size() < partition.replicas().size() || partition.leader() == null) {
                    lagging.add(topic.name() + "-" + partition.partition() + " isr " + partition.isr().stream().map(Node::id).toList());
                }
            }
        }
        return lagging;
    }

    private static TopicPartitionInfo info(final Admin admin, final TopicPartition partition) throws Exception {
        return admin.describeTopics(Set.of(partition.topic())).allTopicNames().get().get(partition.topic())
                .partitions().get(partition.partition());
    }

    private Path nodeDir(final int node) {
        return dir.resolve("node-" + node);
    }

    private Path properties(final int node) {
        return nodeDir(node).resolve("server.properties");
    }

    private String serverProperties(final int node) {
        final String voters = IntStream.rangeClosed(1, NODES)
                .mapToObj(id -> id + "@127.0.0.1:" + controllerPorts[id - 1]).collect(Collectors.joining(","));
        final StringBuilder extra = new StringBuilder();
        extraProperties.forEach((key, value) -> extra.append(key).append('=').append(value).append('\n'));
        return String.join("\n",
                "# Written by ThreeNodeCluster: one of three KRaft nodes, loopback only.",
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPorts[node - 1] + ",CONTROLLER://127.0.0.1:" + controllerPorts[node - 1],
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPorts[node - 1],
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + nodeDir(node).resolve("data").toAbsolutePath(),
                "num.partitions=1",
                "default.replication.factor=3",
                "min.insync.replicas=2",
                "offsets.topic.replication.factor=3",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "transaction.state.log.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                "") + extra;
    }

    private static Process java(final List<String> mainAndArgs, final Path log) throws IOException {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                // Three brokers share two cores with the app under test: C1 only and the serial
                // collector keep their start and their background work light.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
