package io.ticketsync.bench;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Runs the end-to-end benchmark against one local broker and prints the table (also written to
 * {@code --out}). Every row can be chosen with {@code --rows}; the default is all of them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Throughput and recovery of ticket-sync against raw Kafka clients, on one local broker.")
public final class BenchMain implements Callable<Integer> {

    static final List<String> ROWS = List.of("P", "C", "S0-streams", "S0-kv", "S0-loop", "S1", "S2-100ms", "S2-1s", "S2-30s",
            "S3-1pct", "S3-10pct", "S0-kv-c1", "S0-loop-c1", "S2-100ms-c1", "L-1000", "L-1000-kv", "L-1000-c1", "L-5000",
            "L-replace", "L-rolling",
            "R-replace", "R-replace-streams", "R-failover-kafka-defaults", "R-failover-default", "R-failover-tuned",
            "R-failover-txn20s");

    /** Rows that explored ideas for issue 14's recovery target; run only when asked for. */
    static final List<String> EXPLORATORY_ROWS = List.of("R-replace-streams", "R-failover-kafka-defaults", "R-failover-tuned",
            "R-failover-txn20s");

    private static final String CLEAN_INPUT = "bench.input.clean";

    @Option(names = "--records", description = "Records per throughput run (default ${DEFAULT-VALUE}).")
    int records = 300_000;

    @Option(names = "--runs", description = "Runs per row; rows report the median (default ${DEFAULT-VALUE}).")
    int runs = 3;

    /** The rows of the ratio table's targets; with few records, so the table comes in minutes. */
    static final List<String> QUICK_ROWS = List.of("S0-kv", "S0-loop", "S1", "S2-100ms");
    static final int QUICK_RECORDS = 150_000;

    @Option(names = "--quick", description = "The ratio table in under 5 minutes: rows " + "S0-kv, S0-loop, S1, S2-100ms, "
            + "150,000 records, 3 interleaved runs (overrides --rows and --records).")
    boolean quick;

    @Option(names = "--latency-runs", description = "Runs per latency row (default ${DEFAULT-VALUE}).")
    int latencyRuns = 2;

    @Option(names = "--rows", split = ",", description = "Rows to run, from: P, C, S0-streams, S0-kv, S0-loop, S1, S2-100ms, S2-1s, "
            + "S2-30s, S3-1pct, S3-10pct, S0-kv-c1, S0-loop-c1, S2-100ms-c1 (-c1: the application's JVM compiles with C1 only), "
            + "L-1000, L-1000-kv, L-1000-c1, L-5000, L-replace, L-rolling, R-replace, R-replace-streams, "
            + "R-failover-kafka-defaults, R-failover-default, R-failover-tuned, R-failover-txn20s (default: all but the "
            + "exploratory R-replace-streams, R-failover-kafka-defaults, R-failover-tuned and R-failover-txn20s).")
    List<String> rows = ROWS.stream().filter(row -> !EXPLORATORY_ROWS.contains(row)).toList();

    @Option(names = "--work-dir", description = "Broker data, application state and logs (default ${DEFAULT-VALUE}).")
    Path workDir = Path.of("target", "bench");

    @Option(names = "--out", description = "Where to write the table as Markdown (default ${DEFAULT-VALUE}).")
    Path out = Path.of("target", "bench", "results.md");

    @Option(names = "--broker-port", description = "Port of the benchmark's own broker (default ${DEFAULT-VALUE}).")
    int brokerPort = 19092;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            rows = QUICK_ROWS;
            records = QUICK_RECORDS;
        }
        final Set<String> selected = new LinkedHashSet<>(rows);
        if (!ROWS.containsAll(selected)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "unknown row in " + rows + "; rows are " + ROWS);
        }
        final Path runDir = workDir.resolve("run-" + System.currentTimeMillis());
        final List<ThroughputRow> throughput = new ArrayList<>();
        final List<LatencyRow> latency = new ArrayList<>();
        final List<RecoveryRow> recovery = new ArrayList<>();
        try (BenchCluster cluster = BenchCluster.start(runDir.resolve("broker"), brokerPort, brokerPort + 1)) {
            System.out.println("broker " + cluster.bootstrapServers() + ", work directory " + runDir);
            runThroughput(cluster, selected, runDir, throughput);
            runLatency(cluster, selected, runDir, latency);
            runRecovery(cluster, selected, runDir, recovery);
        }
        final String table = new ResultTable(header(), throughput, latency, recovery).markdown();
        System.out.println();
        System.out.println(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println("written to " + out);
        return 0;
    }

    private void runThroughput(final BenchCluster cluster, final Set<String> selected, final Path runDir,
                               final List<ThroughputRow> results) throws Exception {
        if (selected.stream().noneMatch(row -> row.startsWith("P") || row.startsWith("C") || row.startsWith("S"))) {
            return;
        }
        final ThroughputBench bench = new ThroughputBench(cluster, records, runs, runDir.resolve("apps"), System.out);
        final BenchInput clean;
        if (selected.contains("P")) {
            results.add(bench.producer(CLEAN_INPUT));
            clean = new BenchInput(CLEAN_INPUT, records, 0);
        } else {
            clean = bench.fill(CLEAN_INPUT, 0, 1);
        }
        if (selected.contains("C")) {
            results.add(bench.consumer(clean));
        }
        final Map<String, String> defaults = Map.of();
        final Map<String, String> commit1s = Map.of("commit.interval.ms", "1000");
        // A transaction must outlive the commit interval (Kafka Streams' default timeout is 10 s).
        final Map<String, String> commit30s = Map.of("commit.interval.ms", "30000", "producer.transaction.timeout.ms", "60000");
        final List<ThroughputBench.AppRow> apps = new ArrayList<>();
        addIfSelected(apps, selected, "S0-streams", "Kafka Streams pass-through (source → sink), at_least_once",
                new AppSpec("pass-through", clean, AppSpec.ALOS, defaults));
        addIfSelected(apps, selected, "S0-kv", "Kafka Streams key-value ceiling: get, put and forward the bytes "
                + "(persistent cached store of bytes, as ticket-sync's), exactly_once_v2, commit 100 ms",
                new AppSpec("kv-ceiling", clean, AppSpec.EOS, defaults));
        addIfSelected(apps, selected, "S0-loop", "hand-written transactional consume-transform-produce loop "
                + "(same decode/rules/encode, HashMap state, commit per poll)", new AppSpec("hand-loop", clean, AppSpec.EOS, defaults));
        addIfSelected(apps, selected, "S1", "ticket-sync, at_least_once (commit 30 s, Kafka's default)",
                new AppSpec("ticket-sync", clean, AppSpec.ALOS, defaults));
        addIfSelected(apps, selected, "S2-100ms", "ticket-sync, exactly_once_v2, commit 100 ms (the default)",
                new AppSpec("ticket-sync", clean, AppSpec.EOS, defaults));
        addIfSelected(apps, selected, "S2-1s", "ticket-sync, exactly_once_v2, commit 1 s",
                new AppSpec("ticket-sync", clean, AppSpec.EOS, commit1s));
        addIfSelected(apps, selected, "S2-30s", "ticket-sync, exactly_once_v2, commit 30 s (transaction timeout 60 s)",
                new AppSpec("ticket-sync", clean, AppSpec.EOS, commit30s));
        if (selected.contains("S3-1pct")) {
            apps.add(new ThroughputBench.AppRow("S3-1pct", "ticket-sync, at_least_once, 1% bad records",
                    new AppSpec("ticket-sync", bench.fill("bench.input.bad1", 0.01, 2), AppSpec.ALOS, defaults)));
        }
        if (selected.contains("S3-10pct")) {
            apps.add(new ThroughputBench.AppRow("S3-10pct", "ticket-sync, at_least_once, 10% bad records",
                    new AppSpec("ticket-sync", bench.fill("bench.input.bad10", 0.10, 3), AppSpec.ALOS, defaults)));
        }
        addIfSelected(apps, selected, "S0-kv-c1", withC1Only("S0-kv"),
                new AppSpec("kv-ceiling", clean, AppSpec.EOS, defaults, ChildApp.C1_ONLY));
        addIfSelected(apps, selected, "S0-loop-c1", withC1Only("S0-loop"),
                new AppSpec("hand-loop", clean, AppSpec.EOS, defaults, ChildApp.C1_ONLY));
        addIfSelected(apps, selected, "S2-100ms-c1", withC1Only("S2-100ms"),
                new AppSpec("ticket-sync", clean, AppSpec.EOS, defaults, ChildApp.C1_ONLY));
        results.addAll(bench.applications(apps));
    }

    /** A -c1 row's description: the row it repeats and the JVM options it adds. */
    private static String withC1Only(final String row) {
        return row + " with " + String.join(" ", ChildApp.C1_ONLY);
    }

    private static void addIfSelected(final List<ThroughputBench.AppRow> apps, final Set<String> selected, final String id,
                                      final String description, final AppSpec spec) {
        if (selected.contains(id)) {
            apps.add(new ThroughputBench.AppRow(id, description, spec));
        }
    }

    private void runLatency(final BenchCluster cluster, final Set<String> selected, final Path runDir,
                            final List<LatencyRow> results) throws Exception {
        if (selected.stream().noneMatch(row -> row.startsWith("L-"))) {
            return;
        }
        final LatencyBench bench = new LatencyBench(cluster, latencyRuns, runDir.resolve("latency"), System.out);
        bench.warmUpBroker();
        final List<LatencyBench.Plan> plans = new ArrayList<>();
        if (selected.contains("L-1000")) {
            plans.add(bench.steady("L-1000", "1,000 changes/s for 65 s into one instance", "ticket-sync", 1_000,
                    Duration.ofSeconds(65)));
        }
        if (selected.contains("L-1000-kv")) {
            plans.add(bench.steady("L-1000-kv", "1,000 changes/s for 65 s into the Kafka Streams key-value ceiling "
                    + "(S0-kv's application, exactly_once_v2, commit 100 ms)", "kv-ceiling", 1_000, Duration.ofSeconds(65)));
        }
        if (selected.contains("L-1000-c1")) {
            plans.add(bench.steady("L-1000-c1", withC1Only("L-1000"), "ticket-sync", 1_000,
                    Duration.ofSeconds(65), ChildApp.C1_ONLY));
        }
        if (selected.contains("L-5000")) {
            plans.add(bench.steady("L-5000", "5,000 changes/s for 30 s into one instance", "ticket-sync", 5_000,
                    Duration.ofSeconds(30)));
        }
        if (selected.contains("L-replace")) {
            plans.add(bench.duringThreadReplacement("L-replace", "1,000 changes/s for 30 s; the stream thread dies "
                    + "(recoverable failure) at 10 s and is replaced", 1_000, Duration.ofSeconds(30)));
        }
        if (selected.contains("L-rolling")) {
            plans.add(bench.duringRollingRestart("L-rolling", "1,000 changes/s for 45 s into two instances; at 15 s "
                    + "each is stopped (SIGTERM) and started again, one after the other", 1_000, Duration.ofSeconds(45)));
        }
        results.addAll(bench.interleaved(plans));
    }

    private void runRecovery(final BenchCluster cluster, final Set<String> selected, final Path runDir,
                             final List<RecoveryRow> results) throws Exception {
        final RecoveryBench bench = new RecoveryBench(cluster, runs, runDir.resolve("recovery"), System.out);
        if (selected.contains("R-replace")) {
            results.add(bench.threadReplacement("thread replacement", "a stream thread dies (recoverable failure) → "
                    + "first output committed by its replacement thread; ticket-sync's defaults", Map.of()));
        }
        if (selected.contains("R-replace-streams")) {
            results.add(bench.threadReplacement("thread replacement, streams protocol", "the same with "
                    + RecoveryBench.STREAMS_PROTOCOL + " (KIP-1071)", RecoveryBench.STREAMS_PROTOCOL));
        }
        if (selected.contains("R-failover-kafka-defaults")) {
            results.add(bench.failover("failover, Kafka defaults", "SIGKILL one of two instances → survivor's first "
                    + "committed output for the moved partitions; Kafka's session timeout (45 s)", RecoveryBench.KAFKA_DEFAULT_SESSION));
        }
        if (selected.contains("R-failover-default")) {
            results.add(bench.failover("failover, default", "the same with ticket-sync's defaults "
                    + "(session timeout 10 s, heartbeat 1 s, transaction timeout 5 s)",
                    Map.of()));
        }
        if (selected.contains("R-failover-txn20s")) {
            // What a transaction timeout long enough to outlast a broker crash's detection would cost.
            results.add(bench.failover("failover, transaction timeout 20 s", "the same with ticket-sync's defaults but "
                    + RecoveryBench.LONG_TRANSACTION, RecoveryBench.LONG_TRANSACTION));
        }
        if (selected.contains("R-failover-tuned")) {
            results.add(bench.failover("failover, tuned", "the same with " + RecoveryBench.TUNED_FAILOVER,
                    RecoveryBench.TUNED_FAILOVER));
        }
    }

    private static String header() throws IOException {
        final String cpu;
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        }
        final long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format("## ticket-sync benchmark, %s%n%nMachine: %d cores (%s), %d GiB RAM; Java %s; Kafka %s; "
                        + "one local KRaft broker (dev mode's), the application and the harness on the same machine. "
                        + "Applications run in their own JVM with %s.%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), cpu, memory >> 30,
                System.getProperty("java.version"), AppInfoParser.getVersion(), ChildApp.HEAP);
    }
}
