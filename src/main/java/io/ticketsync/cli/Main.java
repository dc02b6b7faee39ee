package io.ticketsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

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

    /** The whole command tree with ticket-sync's handlers; package-private so tests can read its help. */
    static CommandLine commandLine() {
        return new CommandLine(new TicketSyncCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter())
                .setParameterExceptionHandler(new UsageErrorReporter())
                .setExecutionStrategy(Main::refuseUnmatchedThenRun);
    }

    /**
     * picocli lets a help request win over words it could not match, so {@code dlq frobnicate
     * --help} would print dlq's help and succeed; an unknown command is a usage error whatever
     * follows it.
     */
    private static int refuseUnmatchedThenRun(final ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
