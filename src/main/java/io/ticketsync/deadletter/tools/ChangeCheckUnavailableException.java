package io.ticketsync.deadletter.tools;

/** A transform's dry run could not ask a running ticket-sync about a letter: it stops, nothing sent. */
public final class ChangeCheckUnavailableException extends IllegalStateException {

    ChangeCheckUnavailableException(final LetterId letter, final IllegalStateException cause) {
        super("cannot check what " + letter + " would do once transformed: " + cause.getMessage()
                + "; the dry run stopped and nothing was sent", cause);
    }
}
