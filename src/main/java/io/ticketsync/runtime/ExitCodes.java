package io.ticketsync.runtime;

/** The process exit codes; the README documents them for operators. */
public final class ExitCodes {

    /** Stopped on request (SIGTERM/SIGINT) after a clean close, or a one-shot command succeeded. */
    public static final int OK = 0;
    /** Unexpected failure. */
    public static final int FAILURE = 1;
    /** Unknown command or bad option. */
    public static final int USAGE = 2;
    /** Configuration missing or invalid. */
    public static final int CONFIG_ERROR = 3;
    /** Startup check failed: cluster unreachable, or a topic missing or not readable/writable. */
    public static final int STARTUP_CHECK_FAILED = 4;
    /** The Kafka Streams client reached ERROR, or stopped without being asked to. */
    public static final int STREAMS_FAILED = 5;
    /** A requested stop did not complete within {@code shutdown.timeout.ms}. */
    public static final int SHUTDOWN_TIMEOUT = 6;
    /** Processing was stuck (input waiting, committed offset still) and {@code health.stuck.action=exit}. */
    public static final int STUCK = 7;
    /** The dead-letter surge brake fired: one reason took over the stream (a bad deploy?). */
    public static final int DEAD_LETTER_SURGE = 8;
    /** The console's index of the dead-letter topic was stale for {@code console.index.stale.exit.ms}. */
    public static final int CONSOLE_INDEX_STALE = 9;

    private ExitCodes() {
    }
}
