package io.ticketsync.bench;

/**
 * One timed run of a throughput row.
 *
 * @param records     records the run moved
 * @param seconds     wall time from the first record fetched to the last outcome visible downstream
 * @param cpuSeconds  CPU time the application used in that window (0 when not measured, as for P and C)
 * @param peakHeapBytes peak heap the application used (0 when not measured)
 */
record Measurement(long records, double seconds, double cpuSeconds, long peakHeapBytes) {

    double recordsPerSecond() {
        return records / seconds;
    }

    /** Records per CPU-second: what one fully used core would sustain. */
    double recordsPerCoreSecond() {
        return cpuSeconds > 0 ? records / cpuSeconds : 0;
    }
}
