package io.ticketsync.cli;

import io.ticketsync.cluster.AclPlan;
import io.ticketsync.cluster.TopicCheck;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditTrail;
import io.ticketsync.deadletter.tools.CheckResult;
import io.ticketsync.deadletter.tools.EditReport;
import io.ticketsync.deadletter.tools.HttpChangeCheck;
import io.ticketsync.deadletter.tools.InvalidEditException;
import io.ticketsync.deadletter.tools.LetterEditor;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.UnconfirmedEditException;
import io.ticketsync.deadletter.tools.ValueEdit;
import io.ticketsync.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ticket-sync dlq edit}: fix one letter's value and send it on to the replay topic. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit one open dead letter's value and send it to the replay topic, marked REPLAYED with the edit.",
                "A running ticket-sync (dlq.check.url) first checks the edited record: it applies as version N, is skipped as"
                        + " stale, or would be dead-lettered again; the last two are sent only with --force."
                        + " ticketId and version are read-only."})
final class DlqEditCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Option(names = "--id", required = true, paramLabel = "PARTITION@OFFSET", description = "The letter, by its place in the DLQ.")
    private String id;

    // Not --set: every command's --set KEY=VALUE sets configuration.
    @Option(names = "--set-field", paramLabel = "PATH=VALUE",
            description = "Set a field by dotted path (fields.status=open); VALUE is JSON when it parses, else a string (repeatable).")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--remove-field", paramLabel = "PATH", description = "Remove a field by dotted path (repeatable).")
    private List<String> removes = new ArrayList<>();

    @Option(names = "--value-file", paramLabel = "FILE", description = "The whole new value (a JSON object), instead of --set-field/--remove-field.")
    private Path valueFile;

    @Option(names = "--dry-run", description = "Print the check; send nothing.")
    private boolean dryRun;

    @Option(names = "--force", description = "Send even when the check says skipped as stale or dead-lettered again.")
    private boolean force;

    @Option(names = "--note", defaultValue = "", description = "Why; recorded with the decision.")
    private String note;

    @Mixin
    private ActorOption actorOption;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        final LetterId letter;
        final ValueEdit edit;
        try {
            letter = LetterId.parse(id);
            edit = edit();
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (dryRun && force) {
            throw new ParameterException(spec.commandLine(), "--force confirms a send; a --dry-run sends nothing");
        }
        final Actor actor = actorOption.actor();
        final TicketSyncConfig loaded = config.load();
        // Before the cluster check, which may wait for a broker: no instance to ask is a configuration error (exit 3).
        final HttpChangeCheck check = HttpChangeCheck.of(loaded);
        new TopicCheck(loaded, AclPlan.DLQ_EDIT).verify();
        final PrintWriter out = spec.commandLine().getOut();
        final EditReport report;
        try (AuditTrail audit = AuditTrail.open(loaded)) {
            final LetterEditor editor = new LetterEditor(loaded, audit, check);
            report = dryRun ? editor.dryRun(letter, edit, actor) : editor.send(letter, edit, force, note, actor);
        } catch (final UnconfirmedEditException e) {
            out.print(e.report().toText());
            out.println("Not sent: add --force to send it anyway.");
            out.flush();
            return ExitCodes.FAILURE;
        } catch (final InvalidEditException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        out.print(report.toText());
        if (report.sent()) {
            out.println("Sent to '" + loaded.topics().replay() + "'; letter " + letter + " marked REPLAYED with the edit.");
        } else {
            out.println("Dry run: nothing sent" + (report.check().outcome() == CheckResult.Outcome.APPLIES ? "."
                    : "; sending it would need --force."));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private ValueEdit edit() {
        if (valueFile == null) {
            return ValueEdit.of(sets, removes);
        }
        if (!sets.isEmpty() || !removes.isEmpty()) {
            throw new IllegalArgumentException("--value-file is the whole value: no --set-field or --remove-field with it");
        }
        try {
            return ValueEdit.whole(Files.readString(valueFile, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new IllegalArgumentException("--value-file: cannot read " + valueFile + ": " + e.getMessage(), e);
        }
    }
}
