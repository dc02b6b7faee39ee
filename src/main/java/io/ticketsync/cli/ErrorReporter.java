package io.ticketsync.cli;

import io.ticketsync.config.InvalidConfigException;
import io.ticketsync.deadletter.tools.AuditUnavailableException;
import io.ticketsync.deadletter.tools.CheckUnavailableException;
import io.ticketsync.deadletter.tools.ReplayFailedException;
import io.ticketsync.deadletter.tools.WriterBusyException;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.StartupCheckException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns a failed command into one clear line on stderr and an exit code; no stack trace for user errors. */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(final Exception exception,
                                        final CommandLine commandLine,
                                        final ParseResult parseResult) {
        if (exception instanceof InvalidConfigException) {
            commandLine.getErr().println("ticket-sync: configuration error: " + exception.getMessage());
            return ExitCodes.CONFIG_ERROR;
        }
        if (exception instanceof StartupCheckException) {
            commandLine.getErr().println("ticket-sync: " + exception.getMessage());
            return ExitCodes.STARTUP_CHECK_FAILED;
        }
        if (exception instanceof WriterBusyException || exception instanceof ReplayFailedException
                || exception instanceof AuditUnavailableException || exception instanceof CheckUnavailableException) {
            // Told in one line: who holds the dead-letter writer lease, what a failed replay already sent,
            // that the audit trail could not record the action (then it was not done), or that no running
            // instance could check an edit or a transform (then nothing was sent).
            commandLine.getErr().println("ticket-sync: " + exception.getMessage());
            return ExitCodes.FAILURE;
        }
        commandLine.getErr().println("ticket-sync: " + exception);
        exception.printStackTrace(commandLine.getErr());
        return ExitCodes.FAILURE;
    }
}
