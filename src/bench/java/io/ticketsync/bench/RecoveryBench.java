package io.ticketsync.bench;

import io.ticketsync.testing.Await;

import io.ticketsync.bench.app.AppUnderTest;
import io.ticketsync.bench.app.StampingInterceptor;
import io.ticketsync.config.Topics;
import io.ticketsync.cluster.TopicLayout;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The recovery rows, each against ticket-sync under its default exactly_once_v2 with input flowing
 * at a steady rate and a read_committed consumer watching the output:
 * <ul>
 *   <li>thread replacement: a stream thread dies of a recoverable failure; time until the first
 *       output committed by its replacement thread arrives downstream;</li>
 *   <li>failover: one of two instances is killed with SIGKILL; time until the survivor's first
 *       committed output for a partition the killed instance owned arrives downstream.</li>
 * </ul>
 */
final class RecoveryBench {

    private static final int FEED_RATE = 1_000;
    private static final Duration WAIT = Duration.ofMinutes(3);

    /** Client settings that shorten failover: failure detection and the dead instance's open transaction. */
    static final Map<String, String> TUNED_FAILOVER = Map.of(
            "consumer.session.timeout.ms", "6000",
            "consumer.heartbeat.interval.ms", "1500",
            "producer.transaction.timeout.ms", "5000");

    /** A transaction timeout that outlasts a crashed broker's detection (about 9 s here), against the 5 s default. */
    static final Map<String, String> LONG_TRANSACTION = Map.of("producer.transaction.timeout.ms", "20000");

    /** The consumer's own defaults, which ticket-sync's configuration overrides. */
    static final Map<String, String> KAFKA_DEFAULT_SESSION = Map.of(
            "consumer.session.timeout.ms", "45000",
            "consumer.heartbeat.interval.ms", "3000");

    /** Kafka Streams' broker-side rebalance protocol instead of the classic consumer group protocol. */
    static final Map<String, String> STREAMS_PROTOCOL = Map.of("group.protocol", "streams");

    private final BenchCluster cluster;
    private final int runs;
    private final Path workDir;
    private final PrintStream progress;

    RecoveryBench(final BenchCluster cluster, final int runs, final Path workDir, final PrintStream progress) {
        this.cluster = cluster;
        this.runs = runs;
        this.workDir = workDir;
        this.progress = progress;
    }

    RecoveryRow threadReplacement(final String id, final String description, final Map<String, String> settings)
            throws Exception {
        final List<Double> seconds = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            final String appId = ChildApp.applicationId(id, run);
            final Topics topics = topics(appId);
            try (Feeder feeder = new Feeder(cluster.bootstrapServers(), topics.input(), FEED_RATE);
                 OutputWatcher watcher = new OutputWatcher(cluster.bootstrapServers(), topics.output(), TopicLayout.INPUT_PARTITIONS);
                 ChildApp app = ChildApp.start("ticket-sync-faulty", "replace", config(appId, topics, "replace", settings),
                         workDir.resolve(appId))) {
                awaitOutput(watcher, arrival -> true, app, "first output");
                feeder.send(new TicketCorpus(1, 0, run).upsertOf(AppUnderTest.FAULT_TICKET_PREFIX + "-" + run, 1));
                final AppStats fault = awaitFault(app);
                final OutputWatcher.Arrival recovered = awaitOutput(watcher, arrival -> arrival.arrivedAt() > fault.faultAt()
                        && !arrival.thread().equals(fault.faultThread()), app, "output from the replacement thread");
                seconds.add((recovered.arrivedAt() - fault.faultAt()) / 1000.0);
                progress.printf(Locale.ROOT, "  %-16s run %d/%d: %.2f s (%s died, %s took over)%n", id, run, runs,
                        seconds.get(seconds.size() - 1), shortName(fault.faultThread()), shortName(recovered.thread()));
            }
            cluster.deleteTopics(List.of(topics.input(), topics.output(), topics.deadLetter()), List.of(appId));
        }
        return new RecoveryRow(id, description, seconds);
    }

    RecoveryRow failover(final String id, final String description, final Map<String, String> settings) throws Exception {
        final List<Double> seconds = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            final String appId = ChildApp.applicationId(id, run);
            final Topics topics = topics(appId);
            try (Feeder feeder = new Feeder(cluster.bootstrapServers(), topics.input(), FEED_RATE);
                 OutputWatcher watcher = new OutputWatcher(cluster.bootstrapServers(), topics.output(), TopicLayout.INPUT_PARTITIONS);
                 ChildApp survivor = ChildApp.start("ticket-sync", "survivor", config(appId, topics, "survivor", settings),
                         workDir.resolve(appId));
                 ChildApp victim = ChildApp.start("ticket-sync", "victim", config(appId, topics, "victim", settings),
                         workDir.resolve(appId))) {
                awaitOutput(watcher, arrival -> arrival.instance().equals("survivor"), survivor, "output from the survivor");
                awaitOutput(watcher, arrival -> arrival.instance().equals("victim"), victim, "output from the victim");
                final Set<Integer> moved = activePartitions(appId, "victim", topics.input());
                final long killedAt = System.currentTimeMillis();
                victim.kill();
                final OutputWatcher.Arrival recovered = awaitOutput(watcher, arrival -> arrival.arrivedAt() > killedAt
                        && arrival.instance().equals("survivor") && moved.contains(arrival.partition()), survivor,
                        "survivor output for the moved partitions " + moved);
                seconds.add((recovered.arrivedAt() - killedAt) / 1000.0);
                progress.printf(Locale.ROOT, "  %-16s run %d/%d: %.2f s (partitions %s moved)%n", id, run, runs,
                        seconds.get(seconds.size() - 1), moved);
            }
            cluster.deleteTopics(List.of(topics.input(), topics.output(), topics.deadLetter()), List.of(appId));
        }
        return new RecoveryRow(id, description, seconds);
    }

    private Topics topics(final String appId) throws Exception {
        final Topics topics = new Topics(appId + ".changes", appId + ".synced", appId + ".dlq");
        cluster.createTopics(topics);
        return topics;
    }

    private Map<String, String> config(final String appId, final Topics topics, final String instance,
                                       final Map<String, String> settings) {
        final Map<String, String> config = new HashMap<>(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(),
                "application.id", appId,
                "client.id", clientId(instance),
                "input.topic", topics.input(),
                "output.topic", topics.output(),
                "dlq.topic", topics.deadLetter(),
                "state.dir", workDir.resolve(appId).resolve(instance + "-state").toString(),
                "http.bind.address", "127.0.0.1",
                "http.port", "0",
                "producer.interceptor.classes", StampingInterceptor.class.getName()));
        config.putAll(settings);
        return config;
    }

    /** The input partitions an instance's stream threads own now (Kafka Streams names its consumers after client.id). */
    private Set<Integer> activePartitions(final String group, final String instance, final String inputTopic) throws Exception {
        final ConsumerGroupDescription description = cluster.admin().describeConsumerGroups(List.of(group))
                .describedGroups().get(group).get();
        final Set<Integer> partitions = description.members().stream()
                .filter(member -> member.clientId().startsWith(clientId(instance) + "-"))
                .map(MemberDescription::assignment)
                .flatMap(assignment -> assignment.topicPartitions().stream())
                .filter(partition -> partition.topic().equals(inputTopic))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        if (partitions.isEmpty()) {
            throw new IllegalStateException(instance + " owns no input partition: " + description);
        }
        return partitions;
    }

    private static String clientId(final String instance) {
        return "bench-" + instance;
    }

    private static OutputWatcher.Arrival awaitOutput(final OutputWatcher watcher,
                                                     final java.util.function.Predicate<OutputWatcher.Arrival> wanted,
                                                     final ChildApp app, final String what) throws InterruptedException {
        // awaitFirst blocks for up to a second itself, so no pause between probes.
        return Await.until(what, () -> {
            app.checkAlive();
            return watcher.awaitFirst(wanted, Duration.ofSeconds(1));
        }, java.util.Optional::isPresent, WAIT, Duration.ZERO).get();
    }

    private static AppStats awaitFault(final ChildApp app) throws InterruptedException {
        return Await.until("the injected fault", () -> {
            app.checkAlive();
            return app.hasStats() ? app.stats() : null;
        }, stats -> stats != null && stats.faultAt() > 0, WAIT, Duration.ofMillis(50));
    }

    private static String shortName(final String thread) {
        final int at = thread.lastIndexOf("StreamThread");
        return at < 0 ? thread : thread.substring(at);
    }
}
