package io.ticketsync.cluster;

/** The cluster or its topics are not fit to run against; the message says what to fix. */
public class StartupCheckException extends RuntimeException {

    public StartupCheckException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public StartupCheckException(final String message) {
        super(message);
    }
}
