package io.ticketsync.config;

import java.util.Locale;

/** What the instance whose window tripped the dead-letter surge brake does ({@code dlq.surge.action}). */
public enum SurgeAction {
    /** Pause every instance of the application until an operator releases the brake; stay live. */
    PAUSE,
    /** The same, and then exit with its own code (8); a restarted instance starts paused. */
    EXIT;

    static SurgeAction parse(final String key, final String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new InvalidConfigException("'" + key + "' must be pause or exit, got '" + value + "'");
        }
    }
}
