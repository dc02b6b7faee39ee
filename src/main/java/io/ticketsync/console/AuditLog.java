package io.ticketsync.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Where the console writes who logged in and out: the {@code ticketsync.audit} logger in
 * production, a list in tests, so a test can hold the audit trail to its promise without reading
 * stderr. Marks, replays and exports are audited by the engines behind {@link LetterActions}.
 */
@FunctionalInterface
interface AuditLog {

    /** One line: refusals (a failed login) at WARN, the rest at INFO. */
    void record(Level level, String line);

    /** The {@code ticketsync.audit} logger, shared with the {@code dlq} commands' engines. */
    static AuditLog logger() {
        final Logger audit = LoggerFactory.getLogger("ticketsync.audit");
        return (level, line) -> audit.atLevel(level).log(line);
    }
}
