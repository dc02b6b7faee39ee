package io.ticketsync.config;

/**
 * When the dead-letter surge brake fires: once the window holds at least {@code minRecords}
 * outcomes and one stage/reason accounts for at least {@code threshold} of the last
 * {@code windowRecords} records.
 */
public record SurgeLimits(int windowRecords, int minRecords, double threshold) {
}
