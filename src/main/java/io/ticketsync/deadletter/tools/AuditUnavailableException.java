package io.ticketsync.deadletter.tools;

/**
 * The audit trail could not record an action, so the action was not done: nothing that changes
 * data or shows a letter's value happens without its record.
 */
public final class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
