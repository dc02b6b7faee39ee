package io.ticketsync.cli;

/** The process exit codes, documented in the README. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Unexpected failure. */
    public static final int FAILURE = 1;
    /** Unknown command or bad option (picocli's own code). */
    public static final int USAGE = 2;
    /** Configuration missing or invalid. */
    public static final int CONFIG_ERROR = 3;

    private ExitCodes() {
    }
}
