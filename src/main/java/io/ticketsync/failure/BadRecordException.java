package io.ticketsync.failure;

/**
 * Thrown when a record itself is at fault (poison): it goes to the dead-letter topic with its
 * {@link Reason} and processing goes on. Never thrown for infrastructure failures.
 */
public class BadRecordException extends RuntimeException {

    private final Reason reason;

    public BadRecordException(final Reason reason, final String message) {
        super(message);
        this.reason = reason;
    }

    public BadRecordException(final Reason reason, final String message, final Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
