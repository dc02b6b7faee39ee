package io.ticketsync.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** A throughput row of the table: what ran, and every run's measurement. */
record ThroughputRow(String id, String description, List<Measurement> runs) {

    double medianRate() {
        return Medians.of(runs, Measurement::recordsPerSecond);
    }

    double medianRatePerCore() {
        return Medians.of(runs, Measurement::recordsPerCoreSecond);
    }

    /** (max - min) / median of the runs' records/s: how far this machine let runs wander. */
    double spread() {
        return Medians.spread(runs, Measurement::recordsPerSecond);
    }

    double spreadPerCore() {
        return Medians.spread(runs, Measurement::recordsPerCoreSecond);
    }

    long peakHeapBytes() {
        return runs.stream().mapToLong(Measurement::peakHeapBytes).max().orElse(0);
    }

    long records() {
        return runs.get(0).records();
    }

    static String each(final List<Measurement> runs, final ToDoubleFunction<Measurement> value) {
        return String.join(" / ", runs.stream().map(run -> String.format(java.util.Locale.ROOT, "%,.0f",
                value.applyAsDouble(run))).toList());
    }
}
