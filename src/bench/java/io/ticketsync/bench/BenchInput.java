package io.ticketsync.bench;

/** A filled input topic and what ticket-sync must make of it. */
record BenchInput(String topic, long records, long bad) {

    long good() {
        return records - bad;
    }
}
