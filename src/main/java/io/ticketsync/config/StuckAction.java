package io.ticketsync.config;

import java.util.Locale;

/** What an instance does once its processing is stuck ({@code health.stuck.action}). */
public enum StuckAction {
    /** Close (bounded by shutdown.timeout.ms) and exit with its own code, so any supervisor restarts it. */
    EXIT,
    /** Only fail liveness; something else (an orchestrator's probe) must act. */
    REPORT;

    static StuckAction parse(final String key, final String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new InvalidConfigException("'" + key + "' must be exit or report, got '" + value + "'");
        }
    }
}
