package io.ticketsync.bench;

import io.ticketsync.bench.app.AppUnderTest;
import io.ticketsync.config.Topics;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * End-to-end latency of ticket-sync under its defaults (exactly_once_v2, 100 ms commits): from a
 * change's append to the input topic to its snapshot becoming visible to a read_committed
 * consumer. The input topic stamps records with the broker's append time (LogAppendTime), and
 * Kafka Streams gives each output record its input's timestamp, so a record's latency is its
 * arrival downstream minus that timestamp, both on this machine's clock. The same consumer reads
 * the input back: that latency is the harness's own floor (broker, fetch, this JVM). Feeding
 * starts once the application reports RUNNING, so "the first seconds" are the first seconds of
 * an application ready to work.
 */
final class LatencyBench {

    static final Duration FIRST_SECONDS = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

    private final BenchCluster cluster;
    private final int runs;
    private final Path workDir;
    private final PrintStream progress;

    LatencyBench(final BenchCluster cluster, final int runs, final Path workDir, final PrintStream progress) {
        this.cluster = cluster;
        this.runs = runs;
        this.workDir = workDir;
        this.progress = progress;
    }

    /**
     * One unrecorded run of ticket-sync on this broker first. A broker's first transactional
     * application costs it seconds once (its transaction and group paths are cold; measured here:
     * a fresh broker's first run stalled 2 to 7 s, the next runs well under a second), which no
     * application on a long-running production broker pays. The applications measured after it
     * are still fresh JVMs.
     */
    void warmUpBroker() throws Exception {
        new LatencyBench(cluster, 1, workDir, progress).interleaved(List.of(steady("warm-up", "unrecorded", "ticket-sync",
                1_000, Duration.ofSeconds(15))));
    }

    /** A latency row to measure: its runs are made by {@link #interleaved}. */
    record Plan(String id, String description, Run run) {
    }

    /** A steady feed into one instance of {@code kind} (an AppUnderTest kind) for {@code length}. */
    Plan steady(final String id, final String description, final String kind, final int rate, final Duration length) {
        return steady(id, description, kind, rate, length, List.of());
    }

    /** The same, with options for the application's JVM. */
    Plan steady(final String id, final String description, final String kind, final int rate, final Duration length,
                final List<String> jvmOptions) {
        return new Plan(id, description, (appId, topics, run) -> {
            try (ChildApp app = ChildApp.start(kind, "steady", config(appId, topics, "steady"), workDir.resolve(appId),
                    jvmOptions)) {
                app.awaitRunning(START_TIMEOUT);
                return feed(topics, rate, length, app, feeder -> Long.MAX_VALUE);
            }
        });
    }

    /** A steady feed into one instance whose stream thread dies once, a third of the way in. */
    Plan duringThreadReplacement(final String id, final String description, final int rate, final Duration length) {
        return new Plan(id, description, (appId, topics, run) -> {
            try (ChildApp app = ChildApp.start("ticket-sync-faulty", "faulty", config(appId, topics, "faulty"),
                    workDir.resolve(appId))) {
                app.awaitRunning(START_TIMEOUT);
                return feed(topics, rate, length, app, feeder -> {
                    Thread.sleep(length.toMillis() / 3);
                    final long disruptedAt = System.currentTimeMillis();
                    feeder.send(new TicketCorpus(1, 0, run).upsertOf(AppUnderTest.FAULT_TICKET_PREFIX + "-" + run, 1));
                    return disruptedAt;
                });
            }
        });
    }

    /**
     * Two instances; a third of the way in, each is stopped (SIGTERM) and started again on its
     * state directory, one after the other, the second once the first reports RUNNING again.
     */
    Plan duringRollingRestart(final String id, final String description, final int rate, final Duration length) {
        return new Plan(id, description, (appId, topics, run) -> {
            final List<ChildApp> apps = new ArrayList<>();
            try {
                for (final String instance : List.of("a", "b")) {
                    apps.add(ChildApp.start("ticket-sync", instance, config(appId, topics, instance), workDir.resolve(appId)));
                }
                for (final ChildApp app : apps) {
                    app.awaitRunning(START_TIMEOUT);
                }
                return feed(topics, rate, length, apps.get(0), feeder -> {
                    Thread.sleep(length.toMillis() / 3);
                    final long disruptedAt = System.currentTimeMillis();
                    for (int i = 0; i < apps.size(); i++) {
                        final String instance = List.of("a", "b").get(i);
                        apps.get(i).close();
                        apps.set(i, ChildApp.start("ticket-sync", instance + "-restarted",
                                config(appId, topics, instance), workDir.resolve(appId)));
                        apps.get(i).awaitRunning(START_TIMEOUT);
                    }
                    return disruptedAt;
                });
            } finally {
                for (final ChildApp app : apps) {
                    app.close();
                }
            }
        });
    }

    /** One run: given a fresh application id and topics, measure it. */
    @FunctionalInterface
    interface Run {
        LatencyRow.LatencyRun measure(String appId, Topics topics, int run) throws Exception;
    }

    /** Something done while the feed runs; returns when the disruption began (Long.MAX_VALUE: none). */
    @FunctionalInterface
    private interface Disruption {
        long during(Feeder feeder) throws Exception;
    }

    /**
     * Measures the plans interleaved (every plan's first run, then every plan's second, ...): the
     * broker and the harness warm up as runs go by, and each row should meet every phase alike.
     */
    List<LatencyRow> interleaved(final List<Plan> plans) throws Exception {
        final Map<String, List<LatencyRow.LatencyRun>> results = new LinkedHashMap<>();
        plans.forEach(plan -> results.put(plan.id(), new ArrayList<>()));
        for (int number = 1; number <= runs; number++) {
            for (final Plan plan : plans) {
                results.get(plan.id()).add(measure(plan, number));
            }
        }
        return plans.stream().map(plan -> new LatencyRow(plan.id(), plan.description(), results.get(plan.id()))).toList();
    }

    private LatencyRow.LatencyRun measure(final Plan plan, final int number) throws Exception {
        final String appId = ChildApp.applicationId(plan.id(), number);
        final Topics topics = new Topics(appId + ".changes", appId + ".synced", appId + ".dlq");
        cluster.createTopics(topics);
        stampAppendTime(topics.input());
        final LatencyRow.LatencyRun result = plan.run().measure(appId, topics, number);
        progress.printf(Locale.ROOT, "  %-10s run %d/%d: output p50 %d / p99 %d / max %d ms; first %d s: p99 %d / max %d ms;"
                        + " after: p99 %d ms; input read-back p99 %d ms%s%n", plan.id(), number, runs, result.output().p50(),
                result.output().p99(), result.output().max(), FIRST_SECONDS.toSeconds(), result.firstSeconds().p99(),
                result.firstSeconds().max(), result.afterFirstSeconds().p99(),
                result.baseline().p99(), result.disruptionMax() < 0 ? "" : "; worst during the disruption " + result.disruptionMax() + " ms");
        cluster.deleteTopics(List.of(topics.input(), topics.output(), topics.deadLetter()), List.of(appId));
        return result;
    }

    /**
     * Feeds {@code rate} changes a second for {@code length} while {@code disruption} runs, waits
     * until every change's output is visible, and returns the latencies.
     */
    private LatencyRow.LatencyRun feed(final Topics topics, final int rate, final Duration length, final ChildApp app,
                                       final Disruption disruption) throws Exception {
        try (OutputWatcher watcher = new OutputWatcher(cluster.bootstrapServers(), List.of(topics.input(), topics.output()),
                io.ticketsync.cluster.TopicLayout.INPUT_PARTITIONS)) {
            final long start = System.currentTimeMillis();
            final long disruptedAt;
            try (Feeder feeder = new Feeder(cluster.bootstrapServers(), topics.input(), rate)) {
                disruptedAt = disruption.during(feeder);
                final long left = start + length.toMillis() - System.currentTimeMillis();
                if (left > 0) {
                    Thread.sleep(left);
                }
            }
            final long fed = cluster.endOffsetSum(topics.input());
            final Predicate<OutputWatcher.Arrival> output = arrival -> arrival.topic().equals(topics.output());
            final long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT.toMillis();
            while (watcher.arrivals(output).size() < fed) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "%s: %d changes fed, only %d outputs visible",
                            topics.output(), fed, watcher.arrivals(output).size()));
                }
                Thread.sleep(100);
            }
            final List<OutputWatcher.Arrival> outputs = watcher.arrivals(output);
            if (outputs.size() != fed) {
                throw new IllegalStateException(topics.output() + ": " + fed + " changes fed, " + outputs.size() + " outputs");
            }
            final long firstEnd = start + FIRST_SECONDS.toMillis();
            printFirstSeconds(outputs, start);
            return new LatencyRow.LatencyRun(
                    LatencyRow.Percentiles.of(latencies(outputs, arrival -> true)),
                    LatencyRow.Percentiles.of(latencies(outputs, arrival -> arrival.timestamp() < firstEnd)),
                    LatencyRow.Percentiles.of(latencies(outputs, arrival -> arrival.timestamp() >= firstEnd)),
                    LatencyRow.Percentiles.of(latencies(watcher.arrivals(arrival -> arrival.topic().equals(topics.input())),
                            arrival -> true)),
                    disruptedAt == Long.MAX_VALUE ? -1 : latencies(outputs, arrival -> arrival.timestamp() >= disruptedAt)
                            .stream().mapToLong(Long::longValue).max().orElse(0));
        }
    }

    /** The worst latency of each of the first seconds, so a start-up delay shows where it is. */
    private void printFirstSeconds(final List<OutputWatcher.Arrival> outputs, final long start) {
        final Map<Long, Long> worstBySecond = outputs.stream()
                .filter(arrival -> arrival.timestamp() < start + FIRST_SECONDS.toMillis())
                .collect(Collectors.toMap(arrival -> Math.max(0, (arrival.timestamp() - start) / 1000), OutputWatcher.Arrival::latency,
                        Math::max, java.util.TreeMap::new));
        progress.println("    worst latency (ms) by second after start: " + worstBySecond.values().stream()
                .map(String::valueOf).collect(Collectors.joining(" ")));
    }

    private static List<Long> latencies(final List<OutputWatcher.Arrival> arrivals, final Predicate<OutputWatcher.Arrival> wanted) {
        return arrivals.stream().filter(wanted).map(OutputWatcher.Arrival::latency).toList();
    }

    private void stampAppendTime(final String topic) throws Exception {
        cluster.admin().incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"),
                        AlterConfigOp.OpType.SET)))).all().get();
    }

    /** ticket-sync's defaults: nothing but where to connect and what to call things. */
    private Map<String, String> config(final String appId, final Topics topics, final String instance) {
        return new HashMap<>(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(),
                "application.id", appId,
                "client.id", "bench-" + instance,
                "input.topic", topics.input(),
                "output.topic", topics.output(),
                "dlq.topic", topics.deadLetter(),
                "state.dir", workDir.resolve(appId).resolve(instance + "-state").toString(),
                "http.bind.address", "127.0.0.1",
                "http.port", "0"));
    }
}
