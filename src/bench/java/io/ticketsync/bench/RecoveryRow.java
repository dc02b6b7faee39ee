package io.ticketsync.bench;

import java.util.List;

/** A recovery row: seconds from the injected failure to the first new committed output, per run. */
record RecoveryRow(String id, String description, List<Double> seconds) {

    double median() {
        return Medians.of(seconds, value -> value);
    }
}
