package io.ticketsync.deadletter.tools;

/** {@code dlq replay} was asked to write where replayed changes do not belong. */
public class InvalidReplayTargetException extends IllegalArgumentException {

    public InvalidReplayTargetException(final String message) {
        super(message);
    }
}
