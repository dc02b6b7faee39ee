package io.ticketsync.cli;

import io.ticketsync.deadletter.tools.Actor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --actor NAME}, shared by every command that acts: who is recorded in the audit trail and the decisions. */
final class ActorOption {

    @Option(names = "--actor", paramLabel = "NAME",
            description = "Who acts, recorded as NAME (self-asserted) in the audit trail and with what is decided"
                    + " (default: the operating-system user at this host, user@host).")
    private String asserted;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /**
     * The operating-system user at this host, or the {@code --actor} name marked as self-asserted.
     *
     * @throws ParameterException (exit 2, before anything is done) when nobody can be named
     */
    Actor actor() {
        try {
            return asserted == null ? Actor.shell() : Actor.asserted(asserted);
        } catch (final IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(command.commandLine(), (asserted == null ? "" : "--actor: ") + e.getMessage());
        }
    }
}
