package io.ticketsync.metrics;

import java.util.Map;
import java.util.TreeMap;

/** Where records went so far: applied, skipped as stale, dead-lettered by stage and reason. */
public record SyncSummary(long applied, long skippedStale, Map<String, Long> deadLettered) {

    public SyncSummary {
        deadLettered = Map.copyOf(deadLettered);
    }

    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every record accounted for so far. */
    public long accounted() {
        return applied + skippedStale + deadLetteredTotal();
    }

    @Override
    public String toString() {
        return "applied=" + applied + " skipped-stale=" + skippedStale + " dead-lettered=" + deadLetteredTotal()
                + (deadLettered.isEmpty() ? "" : " " + new TreeMap<>(deadLettered));
    }
}
