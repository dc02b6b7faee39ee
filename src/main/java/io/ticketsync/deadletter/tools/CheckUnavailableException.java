package io.ticketsync.deadletter.tools;

/** No running ticket-sync could check a change (unreachable, not ready, refused the token): nothing was sent. */
public final class CheckUnavailableException extends IllegalStateException {

    public CheckUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
