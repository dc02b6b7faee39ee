package io.ticketsync.cli;

import picocli.CommandLine;

/** Entry point of the fat jar; the only place that exits the JVM. */
public final class Main {

    private Main() {
    }

    public static void main(final String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code, for tests and for {@link #main}. */
    public static int run(final String... args) {
        return new CommandLine(new TicketSyncCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter())
                .execute(args);
    }
}
