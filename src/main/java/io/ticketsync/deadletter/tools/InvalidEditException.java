package io.ticketsync.deadletter.tools;

/** An edit of a letter that cannot be made as asked (bad JSON, a missing path, a read-only field, a closed letter): nothing sent. */
public final class InvalidEditException extends IllegalArgumentException {

    public InvalidEditException(final String message) {
        super(message);
    }
}
