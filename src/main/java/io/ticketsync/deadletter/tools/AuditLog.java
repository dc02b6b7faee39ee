package io.ticketsync.deadletter.tools;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Where the tools write who did what: the {@code ticketsync.audit} logger (one JSON object a line)
 * in production, a list in tests, so a test can hold the audit trail to its promise without
 * reading stderr. Every action is recorded when it starts and again with its outcome.
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

    /** The {@code ticketsync.audit} logger, shared by the console, the {@code dlq} and {@code brake} commands. */
    static AuditLog logger() {
        final Logger audit = LoggerFactory.getLogger("ticketsync.audit");
        return (level, event) -> audit.atLevel(level).log(event.toJson());
    }
}
