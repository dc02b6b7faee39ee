package io.ticketsync.bench;

import java.util.List;

/** A latency row: what ran, and each run's figures. */
record LatencyRow(String id, String description, List<LatencyRun> runs) {

    /** One run's latencies in milliseconds: the output's and, as the harness's floor, the input read back. */
    record LatencyRun(Percentiles output, Percentiles firstSeconds, Percentiles afterFirstSeconds, Percentiles baseline,
                      long disruptionMax) {
    }

    /** p50, p99 and max of a set of latencies (ms), and how many there were. */
    record Percentiles(long count, long p50, long p99, long max) {

        static Percentiles of(final List<Long> latencies) {
            if (latencies.isEmpty()) {
                return new Percentiles(0, 0, 0, 0);
            }
            final long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]);
        }

        /** The nearest-rank percentile. */
        private static long at(final long[] sorted, final double quantile) {
            return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
        }
    }
}
