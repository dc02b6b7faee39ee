package io.ticketsync.deadletter.tools;

/** Receives (records read, records in total) now and then while a command scans the dead-letter topic. */
@FunctionalInterface
public interface ScanProgress {

    void report(long read, long total);

    /** While a replay sends: at most about once a second, and once at its end. */
    default void sending(final SendProgress progress) {
    }
}
