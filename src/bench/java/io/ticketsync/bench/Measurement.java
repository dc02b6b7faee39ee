package io.ticketsync.bench;

/**
 * One timed run of a throughput row.
 *
 * @param records       records the run moved
 * @param seconds       wall time from the first record fetched to the last outcome visible downstream
 * @param warmRecords   records processed in the run's second half (from the moment half the input was fetched)
 * @param warmCpuSeconds CPU time the application used in that second half (0 when not measured, as for P and C)
 * @param peakHeapBytes peak heap the application used (0 when not measured)
 */
record Measurement(long records, double seconds, long warmRecords, double warmCpuSeconds, long peakHeapBytes) {

    double recordsPerSecond() {
        return records / seconds;
    }

    /** Records per CPU-second once warm: what one fully used core would sustain. */
    double recordsPerCoreSecond() {
        return warmCpuSeconds > 0 ? warmRecords / warmCpuSeconds : 0;
    }

    double cpuSeconds() {
        return warmCpuSeconds;
    }
}
