package io.ticketsync.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of the fat jar; the only place that exits the JVM. */
public final class Main {

    private Main() {
    }

    public static void main(final String[] args) {
        System.exit(run(args));
    }

    /** Runs a command against the process's stdout and stderr and returns its exit code, for {@link #main}. */
    public static int run(final String... args) {
        return commandLine().execute(args);
    }

    /** Runs a command writing to {@code out} and {@code err} and returns its exit code, for tests. */
    public static int run(final PrintWriter out, final PrintWriter err, final String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine() {
        return new CommandLine(new TicketSyncCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter());
    }
}
