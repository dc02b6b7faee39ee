package io.ticketsync.cli;

import io.ticketsync.cluster.AclPlan;
import io.ticketsync.cluster.TopicCheck;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.BrakeEvent;
import io.ticketsync.control.ControlTopic;
import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditEvent;
import io.ticketsync.deadletter.tools.AuditTrail;
import io.ticketsync.runtime.ExitCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ticket-sync brake status|release}: what the group-wide dead-letter surge brake holds, and letting go of it. */
@Command(name = "brake", mixinStandardHelpOptions = true,
        description = "Show or release the dead-letter surge brake, which pauses every instance after a surge of dead letters.",
        subcommands = {BrakeCommand.Status.class, BrakeCommand.Release.class})
final class BrakeCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print whether the brake is engaged, why, since when and by whom.")
    static final class Status implements Callable<Integer> {

        @Mixin
        private ConfigOptions config;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final TicketSyncConfig loaded = config.load();
            new TopicCheck(loaded, AclPlan.BRAKE_STATUS).verify();
            final ControlTopic.BrakeState state = new ControlTopic(loaded).read(loaded.startupTimeout());
            final PrintWriter out = spec.commandLine().getOut();
            out.println(state.latest().map(event -> (event.engaged() ? "The brake is engaged: every instance of "
                    + loaded.applicationId() + " is paused.\n  " : "The brake is released.\n  last: ") + event.describe())
                    .orElse("The brake has never been engaged."));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Release the brake once its cause is fixed: every instance resumes with a fresh window.")
    static final class Release implements Callable<Integer> {

        @Mixin
        private ConfigOptions config;

        @Option(names = "--note", required = true, description = "Why it is safe to resume (recorded and audited).")
        private String note;

        @Mixin
        private ActorOption actorOption;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (note.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--note must say why it is safe to resume");
            }
            final Actor actor = actorOption.actor();
            final TicketSyncConfig loaded = config.load();
            new TopicCheck(loaded, AclPlan.BRAKE_RELEASE).verify();
            final PrintWriter out = spec.commandLine().getOut();
            final Optional<BrakeEvent> released;
            try (AuditTrail audit = AuditTrail.open(loaded)) {
                released = release(loaded, actor, audit);
            }
            if (released.isEmpty()) {
                out.println("The brake is not engaged; nothing to release.");
                out.flush();
                return ExitCodes.OK;
            }
            out.println("Released the brake: every instance of " + loaded.applicationId() + " resumes.\n  was: "
                    + released.get().describe());
            out.flush();
            return ExitCodes.OK;
        }

        /** Recorded before it is done (no record, no release), and again with what came of it. */
        private Optional<BrakeEvent> release(final TicketSyncConfig loaded, final Actor actor, final AuditTrail audit)
                throws InterruptedException {
            audit.info(AuditEvent.of("brake-release", actor, "started").with("application", loaded.applicationId())
                    .with("note", note));
            final Optional<BrakeEvent> released;
            try {
                released = new ControlTopic(loaded).release(actor.display(), note, loaded.startupTimeout());
            } catch (final RuntimeException e) {
                audit.warnAfter(AuditEvent.of("brake-release", actor, "failed").with("application", loaded.applicationId())
                        .with("problem", e.getMessage()), e);
                throw e;
            }
            audit.info(AuditEvent.of("brake-release", actor, released.isPresent() ? "released" : "not-engaged")
                    .with("application", loaded.applicationId()).with("note", note)
                    .with("was", released.map(BrakeEvent::describe).orElse(null)));
            return released;
        }
    }
}
