package io.ticketsync.guard;

import java.util.List;

/**
 * A health answer, as {@code /health/live} and {@code /health/ready} serve it: up or not, the
 * client's state, its threads, and why it is not up. Defined here, with the endpoints, so that the
 * HTTP layer needs nothing from whoever computes health.
 */
public record HealthReport(boolean up, String state, List<ThreadHealth> threads, List<String> reasons) {

    /** One stream thread as seen by health checks. */
    public record ThreadHealth(String name, String state, List<String> activeTasks) {
    }
}
