package io.ticketsync.config;

/** What an instance does once its processing is stuck ({@code health.stuck.action}). */
public enum StuckAction {
    /** Close (bounded by shutdown.timeout.ms) and exit with its own code, so any supervisor restarts it. */
    EXIT,
    /** Only fail liveness; something else (an orchestrator's probe) must act. */
    REPORT
}
