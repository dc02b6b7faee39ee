package io.ticketsync.deadletter.tools;

/** What became of a dead letter. Only {@link #OPEN} letters are shown and replayed by default. */
public enum LetterStatus {
    /** Nobody has acted on it yet. */
    OPEN,
    /** The cause was fixed another way; the letter needs nothing more. */
    RESOLVED,
    /** The record is not wanted (a test message, a duplicate from another system). */
    DISCARDED,
    /** Sent back (to the replay topic) by a replay; if it fails again it is a new, open letter. */
    REPLAYED;

    public boolean isOpen() {
        return this == OPEN;
    }
}
