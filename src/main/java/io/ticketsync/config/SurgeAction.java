package io.ticketsync.config;

/** What the instance whose window tripped the dead-letter surge brake does ({@code dlq.surge.action}). */
public enum SurgeAction {
    /** Pause every instance of the application until an operator releases the brake; stay live. */
    PAUSE,
    /** The same, and then exit with its own code (8); a restarted instance starts paused. */
    EXIT
}
