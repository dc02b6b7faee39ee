package io.ticketsync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** The printed result: throughput rows, the ratios with their targets, and the recovery rows, as Markdown. */
final class ResultTable {

    /** What a ratio's target is judged on. */
    enum Basis { WALL_CLOCK, PER_CPU_SECOND }

    /** A ratio between two rows, with an optional target judged on one basis. */
    record Ratio(String name, String numerator, String denominator, Basis basis, String target, DoublePredicate met) {
    }

    static final List<Ratio> RATIOS = List.of(
            new Ratio("ticket-sync S2 100 ms (default) / Kafka Streams key-value ceiling (S0-kv), both exactly-once",
                    "S2-100ms", "S0-kv", Basis.PER_CPU_SECOND, "≥ 0.85", r -> r >= 0.85),
            new Ratio("ticket-sync S2 100 ms (default) / hand-written loop, both exactly-once", "S2-100ms", "S0-loop",
                    Basis.PER_CPU_SECOND, "≥ 1.2", r -> r >= 1.2),
            new Ratio("ticket-sync S2 1 s / hand-written loop, both exactly-once", "S2-1s", "S0-loop",
                    Basis.PER_CPU_SECOND, "", r -> true),
            new Ratio("Kafka Streams key-value ceiling (S0-kv) / hand-written loop: what any Kafka Streams application with a durable store can reach",
                    "S0-kv", "S0-loop", Basis.PER_CPU_SECOND, "", r -> true),
            new Ratio("C1 JIT only: ticket-sync S2 100 ms / key-value ceiling (S2-100ms-c1 / S0-kv-c1)", "S2-100ms-c1", "S0-kv-c1",
                    Basis.PER_CPU_SECOND, "", r -> true),
            new Ratio("C1 JIT only: ticket-sync S2 100 ms / hand-written loop (S2-100ms-c1 / S0-loop-c1)", "S2-100ms-c1", "S0-loop-c1",
                    Basis.PER_CPU_SECOND, "", r -> true),
            new Ratio("C1 JIT only: key-value ceiling / hand-written loop (S0-kv-c1 / S0-loop-c1)", "S0-kv-c1", "S0-loop-c1",
                    Basis.PER_CPU_SECOND, "", r -> true),
            new Ratio("what the C1 JIT only gives ticket-sync (S2-100ms-c1 / S2-100ms)", "S2-100ms-c1", "S2-100ms", Basis.PER_CPU_SECOND, "", r -> true),
            new Ratio("S1 / S0 (ticket-sync vs pass-through, at_least_once)", "S1", "S0-streams", Basis.WALL_CLOCK,
                    "≥ 0.85", r -> r >= 0.85),
            new Ratio("S0-kv / S0 (what a cached key-value store costs Kafka Streams)", "S0-kv", "S0-streams",
                    Basis.WALL_CLOCK, "", r -> true),
            new Ratio("S2 100 ms / S1", "S2-100ms", "S1", Basis.WALL_CLOCK, "", r -> true),
            new Ratio("S2 1 s / S1 (cost of exactly-once)", "S2-1s", "S1", Basis.WALL_CLOCK, "≥ 0.85", r -> r >= 0.85),
            new Ratio("S2 30 s / S1", "S2-30s", "S1", Basis.WALL_CLOCK, "", r -> true),
            new Ratio("S3 1% bad / S1", "S3-1pct", "S1", Basis.WALL_CLOCK, "", r -> true),
            new Ratio("S3 10% bad / S1 (cost of dead-lettering)", "S3-10pct", "S1", Basis.WALL_CLOCK, "≥ 0.8", r -> r >= 0.8),
            new Ratio("S0 / min(P, C) (Kafka Streams vs raw clients)", "S0-streams", "min(P,C)", Basis.WALL_CLOCK, "",
                    r -> true));

    static final double REPLACEMENT_TARGET_SECONDS = 2.0;

    private final String header;
    private final List<ThroughputRow> throughput;
    private final List<LatencyRow> latency;
    private final List<RecoveryRow> recovery;

    static final long LATENCY_TARGET_MS = 300;
    /** ticket-sync at 1,000 changes/s: the rows the latency target is judged on. */
    static final List<String> LATENCY_TARGET_ROWS = List.of("L-1000", "L-1000-c1");

    ResultTable(final String header, final List<ThroughputRow> throughput, final List<LatencyRow> latency,
                final List<RecoveryRow> recovery) {
        this.header = header;
        this.throughput = throughput;
        this.latency = latency;
        this.recovery = recovery;
    }

    String markdown() {
        final StringBuilder out = new StringBuilder(header).append('\n');
        if (!throughput.isEmpty()) {
            out.append("### Throughput\n\nSpread: (max - min) / median of the runs.\n\n")
                    .append("| Row | What | Records | Runs | Median records/s | Each run | Spread "
                            + "| Median records per CPU-second | Each run | Spread | Peak heap (MiB) |\n")
                    .append("|---|---|--:|--:|--:|---|--:|--:|---|--:|--:|\n");
            for (final ThroughputRow row : throughput) {
                final boolean cpu = row.medianRatePerCore() > 0;
                out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %,.0f | %s | %s | %s | %s | %s | %s |%n",
                        row.id(), row.description(), row.records(), row.runs().size(), row.medianRate(),
                        ThroughputRow.each(row.runs(), Measurement::recordsPerSecond), percent(row.spread()),
                        cpu ? String.format(Locale.ROOT, "%,.0f", row.medianRatePerCore()) : "–",
                        cpu ? ThroughputRow.each(row.runs(), Measurement::recordsPerCoreSecond) : "–",
                        cpu ? percent(row.spreadPerCore()) : "–",
                        row.peakHeapBytes() > 0 ? Long.toString(row.peakHeapBytes() >> 20) : "–"));
            }
            out.append("\n### Ratios (of medians)\n\n| Ratio | Wall-clock | Per CPU-second | Target | |\n|---|--:|--:|---|---|\n");
            final Map<String, ThroughputRow> rows = rows();
            for (final Ratio ratio : RATIOS) {
                final Optional<Double> wall = value(rows, ratio, ThroughputRow::medianRate);
                final Optional<Double> perCpu = value(rows, ratio, ThroughputRow::medianRatePerCore).filter(v -> v > 0);
                if (wall.isEmpty()) {
                    continue;
                }
                final Optional<Double> judged = ratio.basis() == Basis.WALL_CLOCK ? wall : perCpu;
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %s |%n", ratio.name(), wall.get(),
                        perCpu.map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("–"),
                        ratio.target().isEmpty() ? "" : ratio.target() + (ratio.basis() == Basis.WALL_CLOCK ? " wall-clock" : " per CPU-second"),
                        ratio.target().isEmpty() || judged.isEmpty() ? "" : ratio.met().test(judged.get()) ? "met" : "**missed**"));
            }
        }
        if (!latency.isEmpty()) {
            out.append("\n### End-to-end latency (ticket-sync's defaults: exactly_once_v2, commit 100 ms)\n\n")
                    .append("Milliseconds from a change's append to the input topic to its snapshot becoming visible to a "
                            + "read_committed consumer; medians of the runs' figures, each run's in brackets. Baseline: the same "
                            + "consumer reading the input back.\n\n")
                    .append("| Row | What | Runs | p50 | p99 | max | first " + LatencyBench.FIRST_SECONDS.toSeconds() + " s: p99 / max "
                            + "| after the first " + LatencyBench.FIRST_SECONDS.toSeconds() + " s: p99 / max "
                            + "| worst during the disruption | baseline p50 / p99 / max | Target |\n")
                    .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
            for (final LatencyRow row : latency) {
                final List<LatencyRow.LatencyRun> runs = row.runs();
                final long p99 = median(runs, run -> run.output().p99());
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s / %s | %s / %s | %s | %s / %s / %s | %s |%n",
                        row.id(), row.description(), runs.size(),
                        figure(runs, run -> run.output().p50()), figure(runs, run -> run.output().p99()),
                        figure(runs, run -> run.output().max()),
                        figure(runs, run -> run.firstSeconds().p99()), figure(runs, run -> run.firstSeconds().max()),
                        figure(runs, run -> run.afterFirstSeconds().p99()), figure(runs, run -> run.afterFirstSeconds().max()),
                        runs.get(0).disruptionMax() < 0 ? "–" : figure(runs, LatencyRow.LatencyRun::disruptionMax),
                        figure(runs, run -> run.baseline().p50()), figure(runs, run -> run.baseline().p99()),
                        figure(runs, run -> run.baseline().max()),
                        LATENCY_TARGET_ROWS.contains(row.id()) ? "p99 < " + LATENCY_TARGET_MS + " ms: "
                                + (p99 < LATENCY_TARGET_MS ? "met" : "**missed**") : ""));
            }
        }
        if (!recovery.isEmpty()) {
            out.append("\n### Recovery (ticket-sync, exactly_once_v2)\n\n| Row | What | Median (s) | Each run (s) | Target |\n|---|---|--:|---|---|\n");
            for (final RecoveryRow row : recovery) {
                final boolean replacement = row.id().equals("thread replacement");
                out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s |%n", row.id(), row.description(), row.median(),
                        row.seconds().stream().map(value -> String.format(Locale.ROOT, "%.2f", value)).collect(Collectors.joining(" / ")),
                        replacement ? "< 2 s: " + (row.median() < REPLACEMENT_TARGET_SECONDS ? "met" : "**missed**") : ""));
            }
        }
        return out.toString();
    }

    private Map<String, ThroughputRow> rows() {
        final Map<String, ThroughputRow> rows = new LinkedHashMap<>();
        throughput.forEach(row -> rows.put(row.id(), row));
        if (rows.containsKey("P") && rows.containsKey("C")) {
            rows.put("min(P,C)", rows.get("P").medianRate() <= rows.get("C").medianRate() ? rows.get("P") : rows.get("C"));
        }
        return rows;
    }

    private static long median(final List<LatencyRow.LatencyRun> runs, final ToLongFunction<LatencyRow.LatencyRun> value) {
        return Math.round(Medians.of(runs, run -> value.applyAsLong(run)));
    }

    /** The median of the runs, then each run's value: "120 (118 / 120 / 131)". */
    private static String figure(final List<LatencyRow.LatencyRun> runs, final ToLongFunction<LatencyRow.LatencyRun> value) {
        return median(runs, value) + " (" + runs.stream().map(run -> Long.toString(value.applyAsLong(run)))
                .collect(Collectors.joining(" / ")) + ")";
    }

    private static String percent(final double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static Optional<Double> value(final Map<String, ThroughputRow> rows, final Ratio ratio,
                                          final ToDoubleFunction<ThroughputRow> figure) {
        final ThroughputRow numerator = rows.get(ratio.numerator());
        final ThroughputRow denominator = rows.get(ratio.denominator());
        return numerator == null || denominator == null || figure.applyAsDouble(denominator) == 0 ? Optional.empty()
                : Optional.of(figure.applyAsDouble(numerator) / figure.applyAsDouble(denominator));
    }
}
