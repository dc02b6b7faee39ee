package io.ticketsync.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians, the figure every row reports: robust to one disturbed run on a shared 2-core machine. */
final class Medians {

    private Medians() {
    }

    static <T> double of(final List<T> items, final ToDoubleFunction<T> value) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        final double[] sorted = items.stream().mapToDouble(value).sorted().toArray();
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** (max - min) / median: 0 for identical runs, 0.2 when they span a fifth of the median. */
    static <T> double spread(final List<T> items, final ToDoubleFunction<T> value) {
        final double median = of(items, value);
        final double max = items.stream().mapToDouble(value).max().orElse(0);
        final double min = items.stream().mapToDouble(value).min().orElse(0);
        return median == 0 ? 0 : (max - min) / median;
    }
}
