package io.ticketsync.deadletter.tools;

/** A replay failed part way; what it committed before stays sent and decided (REPLAYED). */
public final class ReplayFailedException extends RuntimeException {

    private final long committed;

    public ReplayFailedException(final long committed, final Throwable cause) {
        super("the replay failed after " + committed + " letter(s) were sent and recorded: " + cause.getMessage(), cause);
        this.committed = committed;
    }

    /** Letters sent and recorded as REPLAYED before the failure. */
    public long committed() {
        return committed;
    }
}
