package io.ticketsync.runtime;

import java.util.List;

/** A health answer: up or not, the client's state, its threads, and why it is not up. */
public record HealthReport(boolean up, String state, List<ThreadHealth> threads, List<String> reasons) {

    /** One stream thread as seen by health checks. */
    public record ThreadHealth(String name, String state, List<String> activeTasks) {
    }
}
