package io.ticketsync.deadletter.tools;

/** Another replay or mark holds the dead-letter topic's writer lease: this one is refused, nothing written. */
public final class WriterBusyException extends RuntimeException {

    public WriterBusyException(final String message) {
        super(message);
    }
}
