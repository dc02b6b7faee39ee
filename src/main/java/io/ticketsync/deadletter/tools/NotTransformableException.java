package io.ticketsync.deadletter.tools;

/** A letter the rules cannot be applied to (a path crosses a field that is not an object): it is left unsent. */
final class NotTransformableException extends RuntimeException {

    NotTransformableException(final String message) {
        super(message, null, false, false);
    }
}
