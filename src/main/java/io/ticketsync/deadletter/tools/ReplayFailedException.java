package io.ticketsync.deadletter.tools;

/**
 * A replay failed, or was stopped, part way; what it committed before stays sent and decided
 * (REPLAYED). The message is one line an operator can act on.
 */
public final class ReplayFailedException extends RuntimeException {

    private final long committed;
    private final boolean halted;

    public ReplayFailedException(final long committed, final Throwable cause) {
        this("the replay failed after " + committed + " letter(s) were sent and recorded: " + cause.getMessage(), committed,
                false, cause);
    }

    private ReplayFailedException(final String message, final long committed, final boolean halted, final Throwable cause) {
        super(message, cause);
        this.committed = committed;
        this.halted = halted;
    }

    /** Stopped because the application halted replays, e.g. most replayed records were dead-lettered again. */
    public static ReplayFailedException stopped(final long committed, final String reason) {
        return new ReplayFailedException("stopped: " + reason + "; " + committed + " letter(s) already sent and recorded"
                + " as REPLAYED", committed, true, null);
    }

    /** Letters sent and recorded as REPLAYED before the failure. */
    public long committed() {
        return committed;
    }

    /** Whether the application halted it (rather than a failure of the replay itself). */
    public boolean halted() {
        return halted;
    }
}
