package io.ticketsync.bench;

import java.util.List;

/** A throughput row of the table: what ran, and every run's measurement. */
record ThroughputRow(String id, String description, List<Measurement> runs) {

    double medianRate() {
        return Medians.of(runs, Measurement::recordsPerSecond);
    }

    double medianRatePerCore() {
        return Medians.of(runs, Measurement::recordsPerCoreSecond);
    }

    long peakHeapBytes() {
        return runs.stream().mapToLong(Measurement::peakHeapBytes).max().orElse(0);
    }

    long records() {
        return runs.get(0).records();
    }
}
