package io.ticketsync.deadletter.tools;

/** Receives (records read, records in total) now and then while a command scans the dead-letter topic. */
@FunctionalInterface
public interface ScanProgress {

    void report(long read, long total);
}
