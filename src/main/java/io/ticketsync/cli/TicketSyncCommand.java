package io.ticketsync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ticket-sync <command>}: lists the commands when none is given. */
@Command(name = "ticket-sync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps target tickets in step with source ticket changes, with a dead-letter topic for every bad record.",
        subcommands = {RunCommand.class, DevCommand.class, DlqCommand.class, TopologyCommand.class, ProbeCommand.class,
                AclsCommand.class, TopicsCommand.class, ConsoleCommand.class, BrakeCommand.class, AuditCommand.class})
final class TicketSyncCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }
}
