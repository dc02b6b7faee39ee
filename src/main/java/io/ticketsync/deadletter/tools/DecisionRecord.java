package io.ticketsync.deadletter.tools;

/**
 * What one record of the resolutions topic says about the dead-letter topic being read
 * (see {@link ResolutionCodec#read}).
 */
public sealed interface DecisionRecord {

    /** A decision about the letter at {@code letter}, valid only if the letter there has {@code fingerprint}. */
    record Decided(LetterId letter, long fingerprint, Resolution resolution) implements DecisionRecord {
    }

    /** A tombstone: the letter is open again. */
    record Reopened(LetterId letter) implements DecisionRecord {
    }

    /** Unreadable (not JSON, no status, an unknown status, a key that does not match its value): skipped, counted and shown. */
    record Invalid(String where, String problem) implements DecisionRecord {
    }

    /**
     * About another dead-letter topic (another topic id: deleted and recreated, mirrored, or another
     * DLQ sharing the resolutions topic), or a decision written before decisions were bound to
     * their letter ({@code legacy}, adopted once at the upgrade): ignored, and counted.
     */
    record Foreign(LetterId letter, boolean legacy) implements DecisionRecord {
    }

    /** The topic's own bookkeeping (the writers' lease, the adoption mark): not a decision. */
    record Bookkeeping(String key) implements DecisionRecord {
    }
}
