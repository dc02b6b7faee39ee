package io.ticketsync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;

/** The printed result: throughput rows, the ratios with their targets, and the recovery rows, as Markdown. */
final class ResultTable {

    /** A ratio between two rows, with an optional target. */
    record Ratio(String name, String numerator, String denominator, String target, DoublePredicate met) {
    }

    static final List<Ratio> RATIOS = List.of(
            new Ratio("S1 / S0 (ticket-sync vs pass-through, at_least_once)", "S1", "S0-streams", "≥ 0.85", r -> r >= 0.85),
            new Ratio("S2 100 ms / S1", "S2-100ms", "S1", "", r -> true),
            new Ratio("S2 1 s / S1 (cost of exactly-once)", "S2-1s", "S1", "≥ 0.85", r -> r >= 0.85),
            new Ratio("S2 30 s / S1", "S2-30s", "S1", "", r -> true),
            new Ratio("S3 1% bad / S1", "S3-1pct", "S1", "", r -> true),
            new Ratio("S3 10% bad / S1 (cost of dead-lettering)", "S3-10pct", "S1", "≥ 0.8", r -> r >= 0.8),
            new Ratio("S0 / min(P, C) (Kafka Streams vs raw clients)", "S0-streams", "min(P,C)", "", r -> true),
            new Ratio("ticket-sync S2 100 ms (default) / hand-written loop, both exactly-once", "S2-100ms", "S0-loop",
                    "≥ 1.0", r -> r >= 1.0),
            new Ratio("ticket-sync S2 1 s / hand-written loop, both exactly-once", "S2-1s", "S0-loop", "", r -> true));

    static final double REPLACEMENT_TARGET_SECONDS = 2.0;

    private final String header;
    private final List<ThroughputRow> throughput;
    private final List<RecoveryRow> recovery;

    ResultTable(final String header, final List<ThroughputRow> throughput, final List<RecoveryRow> recovery) {
        this.header = header;
        this.throughput = throughput;
        this.recovery = recovery;
    }

    String markdown() {
        final StringBuilder out = new StringBuilder(header).append('\n');
        if (!throughput.isEmpty()) {
            out.append("### Throughput\n\n")
                    .append("| Row | What | Records | Runs | Median records/s | Each run (records/s) | Records/s per core | Peak heap (MiB) |\n")
                    .append("|---|---|--:|--:|--:|---|--:|--:|\n");
            for (final ThroughputRow row : throughput) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %,.0f | %s | %s | %s |%n",
                        row.id(), row.description(), row.records(), row.runs().size(), row.medianRate(),
                        row.runs().stream().map(run -> String.format(Locale.ROOT, "%,.0f", run.recordsPerSecond()))
                                .collect(Collectors.joining(" / ")),
                        row.medianRatePerCore() > 0 ? String.format(Locale.ROOT, "%,.0f", row.medianRatePerCore()) : "–",
                        row.peakHeapBytes() > 0 ? Long.toString(row.peakHeapBytes() >> 20) : "–"));
            }
            out.append("\n### Ratios (of medians)\n\n| Ratio | Value | Target | |\n|---|--:|---|---|\n");
            final Map<String, Double> rates = rates();
            for (final Ratio ratio : RATIOS) {
                value(rates, ratio).ifPresent(value -> out.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s |%n",
                        ratio.name(), value, ratio.target(), ratio.target().isEmpty() ? "" : ratio.met().test(value) ? "met" : "**missed**")));
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

    private Map<String, Double> rates() {
        final Map<String, Double> rates = new LinkedHashMap<>();
        throughput.forEach(row -> rates.put(row.id(), row.medianRate()));
        if (rates.containsKey("P") && rates.containsKey("C")) {
            rates.put("min(P,C)", Math.min(rates.get("P"), rates.get("C")));
        }
        return rates;
    }

    private static Optional<Double> value(final Map<String, Double> rates, final Ratio ratio) {
        final Double numerator = rates.get(ratio.numerator());
        final Double denominator = rates.get(ratio.denominator());
        return numerator == null || denominator == null ? Optional.empty() : Optional.of(numerator / denominator);
    }
}
