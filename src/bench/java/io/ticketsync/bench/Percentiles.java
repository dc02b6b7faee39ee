package io.ticketsync.bench;

import java.util.List;

/**
 * Nearest-rank percentiles of latency samples: the value at rank ceil(p/100 * n) of the sorted
 * samples, always one that was measured. A p99 needs at least 100 samples to be anything but the
 * maximum, so {@link #of} refuses fewer.
 */
final class Percentiles {

    /** The fewest samples whose nearest-rank p99 (rank 99 of 100) is not the maximum. */
    static final int MIN_SAMPLES = 100;

    private final double[] sorted;

    private Percentiles(final double[] sorted) {
        this.sorted = sorted;
    }

    static Percentiles of(final List<Double> samples) {
        if (samples.size() < MIN_SAMPLES) {
            throw new IllegalArgumentException("a p99 needs at least " + MIN_SAMPLES + " samples, got " + samples.size());
        }
        return new Percentiles(samples.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    /** The nearest-rank {@code percentile} (0 < percentile <= 100). */
    double at(final double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        final int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[rank - 1];
    }

    double median() {
        return at(50);
    }

    double p99() {
        return at(99);
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    int count() {
        return sorted.length;
    }
}
