package io.ticketsync.deadletter.tools;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Where the tools write who did what: the {@link AuditTrail} (the audit topic and the
 * {@code ticketsync.audit} logger) in production, a list in tests, so a test can hold the audit
 * trail to its promise without reading stderr. Every action is recorded when it starts and again
 * with its outcome; {@link #record} may throw {@link AuditUnavailableException}, and then the
 * action is not done.
 */
@FunctionalInterface
public interface AuditLog {

    /** One event: refusals and failures at WARN, the rest at INFO. */
    void record(Level level, AuditEvent event);

    default void info(final AuditEvent event) {
        record(Level.INFO, event);
    }

    default void warn(final AuditEvent event) {
        record(Level.WARN, event);
    }

    /**
     * Records the outcome of an action that has already failed: should the trail fail too, that is
     * added to the action's failure, which stays the one the caller sees.
     */
    default void warnAfter(final AuditEvent event, final Exception failure) {
        try {
            warn(event);
        } catch (final AuditUnavailableException e) {
            failure.addSuppressed(e);
        }
    }

    /** The {@code ticketsync.audit} logger alone: the trail's second copy, and what tests use without a broker. */
    static AuditLog logger() {
        final Logger audit = LoggerFactory.getLogger("ticketsync.audit");
        return (level, event) -> audit.atLevel(level).log(event.toJson());
    }
}
