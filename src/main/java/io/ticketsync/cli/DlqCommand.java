package io.ticketsync.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditTrail;
import io.ticketsync.deadletter.tools.ChangeChecks;
import io.ticketsync.deadletter.tools.InvalidRulesException;
import io.ticketsync.deadletter.tools.TransformRules;
import io.ticketsync.deadletter.tools.DeadLetterExport;
import io.ticketsync.deadletter.tools.DlqInspector;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterMarker;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.MarkReport;
import io.ticketsync.deadletter.tools.ReplayPlan;
import io.ticketsync.deadletter.tools.Selection;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.InvalidReplayTargetException;
import io.ticketsync.deadletter.tools.InspectionReport;
import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.cluster.AclPlan;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.TopicCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ticket-sync dlq inspect|replay|edit|resolve|discard|export}: look at dead letters, decide about them, send them back. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspect, replay, edit, resolve, discard or export the letters in the dead-letter topic.",
        subcommands = {DlqCommand.Inspect.class, DlqCommand.Replay.class, DlqEditCommand.class, DlqCommand.Resolve.class,
                DlqCommand.Discard.class, DlqCommand.Export.class})
final class DlqCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }

    /** Prints "read N/M (P%)" on stderr at most once a second, only for topics worth waiting for. */
    static void progress(final PrintWriter err, final long read, final long total) {
        if (total >= 10_000) {
            err.printf("\r  read %d/%d (%d%%)", read, total, total == 0 ? 100 : read * 100 / total);
            if (read >= total) {
                err.println();
            }
            err.flush();
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Summarise dead letters by stage and reason, with counts, offsets, times and samples.")
    static final class Inspect implements Callable<Integer> {

        enum Format { text, json }

        @Mixin
        private ConfigOptions config;

        @Mixin
        private FilterOptions filter;

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        private Format format;

        @Option(names = "--samples", defaultValue = "3", description = "Examples per group (default: ${DEFAULT-VALUE}).")
        private int samples;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            filter.validate(spec.commandLine());
            if (samples < 0) {
                throw new ParameterException(spec.commandLine(), "--samples must be 0 or more, got " + samples);
            }
            final PrintWriter err = spec.commandLine().getErr();
            final TicketSyncConfig loaded = config.load();
            new TopicCheck(loaded, AclPlan.DLQ_INSPECT).verify();
            final InspectionReport report = new DlqInspector(loaded)
                    .inspect(filter.filter(), filter.includeClosed(), samples, (read, total) -> progress(err, read, total));
            final PrintWriter out = spec.commandLine().getOut();
            out.print(format == Format.json
                    ? Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n"
                    : report.toText());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Send selected dead letters to the replay topic (which ticket-sync reads beside the input; other consumers of the"
                    + " input never see them), transactionally, at most --max-replays times per record; each keeps its source partition.",
                    "A dry run with --plan FILE writes what it would send; --execute-plan FILE later sends exactly that, never a letter"
                            + " that arrived since. Replaying the same selection again sends only newer dead letters."})
    static final class Replay implements Callable<Integer> {

        @Mixin
        private ConfigOptions config;

        @Mixin
        private FilterOptions filter;

        @Option(names = "--dry-run", description = "Show what would be sent; send nothing, record no progress.")
        private boolean dryRun;

        @Option(names = "--plan", paramLabel = "FILE", description = "With --dry-run: write the plan (what would be sent) to FILE.")
        private Path planFile;

        @Option(names = "--execute-plan", paramLabel = "FILE",
                description = "Send exactly what the dry run that wrote FILE showed, and report any difference; no filters with it.")
        private Path executePlan;

        @Option(names = "--max-replays", defaultValue = "3",
                description = "Leave records already replayed this often (default: ${DEFAULT-VALUE}).")
        private int maxReplays;

        @Option(names = "--to", paramLabel = "TOPIC", description = "Target topic (default: the replay topic); the output and dead-letter topics are always refused, any other"
                + " (the input topic too: its other consumers would see the letters again) needs --force.")
        private String target;

        @Option(names = "--force", description = "Allow a --to topic other than the replay topic.")
        private boolean force;

        @Option(names = "--include-discarded", description = "Also send letters discarded as not wanted (asked for apart, on purpose).")
        private boolean includeDiscarded;

        @Option(names = "--batch-size", defaultValue = "500", description = "Records per transaction (default: ${DEFAULT-VALUE}).")
        private int batchSize;

        @Option(names = "--transform", paramLabel = "FILE",
                description = "Apply these rules (YAML or JSON: set, remove, rename, map, PATH: OLD -> NEW) to every selected letter;"
                        + " only the letters they change are sent. Refused with the line and reason before anything is sent.")
        private Path transformFile;

        @Option(names = "--rate", paramLabel = "N/s", description = "Send at most N letters a second over the whole run (default: no limit).")
        private String rate;

        @Mixin
        private ActorOption actorOption;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            filter.validate(spec.commandLine());
            if (maxReplays < 1) {
                throw new ParameterException(spec.commandLine(), "--max-replays must be 1 or more, got " + maxReplays);
            }
            if (batchSize < 1) {
                throw new ParameterException(spec.commandLine(), "--batch-size must be 1 or more, got " + batchSize);
            }
            if (planFile != null && !dryRun) {
                throw new ParameterException(spec.commandLine(), "--plan FILE is written by a dry run: add --dry-run");
            }
            final int ratePerSecond = RateOption.parse(rate, spec.commandLine());
            final TransformRules rules = transformFile == null ? null : readRules();
            final ReplayPlan read = executePlan == null ? null : readPlan();
            final ReplayPlan plan = read == null || rate == null ? read : read.atRate(ratePerSecond);
            final Actor actor = actorOption.actor();
            final TicketSyncConfig loaded = config.load();
            final ReplayRequest request = plan != null ? plan.request(actor.display(), batchSize)
                    : new ReplayRequest(filter.filter(), target == null ? loaded.topics().replay() : target, maxReplays, dryRun,
                    batchSize, force, filter.includeClosed(), includeDiscarded, actor.display()).with(rules, ratePerSecond);
            try {
                // Refused before the cluster check, which may wait startup.timeout.ms for a broker.
                DlqReplayer.checkTarget(loaded, request.target(), request.force());
            } catch (final InvalidReplayTargetException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            new TopicCheck(loaded, AclPlan.DLQ_REPLAY).verify();
            final ReplayProgressLines progress = new ReplayProgressLines(spec.commandLine().getErr());
            final ReplayReport report;
            try (AuditTrail audit = AuditTrail.open(loaded)) {
                final DlqReplayer replayer = new DlqReplayer(loaded, audit, ChangeChecks.from(loaded));
                report = plan != null
                        ? replayer.execute(plan, actor, batchSize, progress)
                        : replayer.replay(request, actor, progress);
            }
            final PrintWriter out = spec.commandLine().getOut();
            out.print(report.toText());
            if (planFile != null) {
                report.plan().write(planFile);
                out.println("Plan written to " + planFile + (report.plan().letters() == null
                        ? " (end offsets only: more than " + ReplayPlan.MAX_LETTERS + " letters)" : "")
                        + "; send exactly this with: dlq replay --execute-plan " + planFile);
            }
            out.flush();
            return report.differsFromPlan() ? ExitCodes.FAILURE : ExitCodes.OK;
        }

        /** Rules that do not parse are refused here, before the cluster is asked anything: exit 2. */
        private TransformRules readRules() {
            final String text;
            try {
                text = Files.readString(transformFile);
            } catch (final IOException | UncheckedIOException e) {
                throw new ParameterException(spec.commandLine(), "--transform: cannot read " + transformFile + ": " + e, e);
            }
            try {
                return TransformRules.parse(text);
            } catch (final InvalidRulesException e) {
                throw new ParameterException(spec.commandLine(), "--transform " + transformFile + ": " + e.getMessage(), e);
            }
        }

        /** A plan replaces the selection options: given both, which would win is anybody's guess. */
        private ReplayPlan readPlan() {
            if (dryRun || filter.any() || filter.includeClosed() || includeDiscarded || target != null || force
                    || transformFile != null) {
                throw new ParameterException(spec.commandLine(), "--execute-plan sends what the plan says: no --dry-run,"
                        + " filters, --include-*, --to, --force or --transform with it (the plan carries its rules)");
            }
            try {
                return ReplayPlan.read(executePlan);
            } catch (final IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--execute-plan: " + e.getMessage(), e);
            }
        }
    }

    /** What {@code resolve} and {@code discard} share: the selection, a note, and who. */
    abstract static class Mark implements Callable<Integer> {

        @Mixin
        private ConfigOptions config;

        @Mixin
        private FilterOptions filter;

        @Option(names = "--id", paramLabel = "PARTITION@OFFSET",
                description = "A letter by its place in the DLQ (repeatable); instead of the filters.")
        private List<String> ids = new ArrayList<>();

        @Option(names = "--note", defaultValue = "", description = "Why; recorded with the decision.")
        private String note;

        @Mixin
        private ActorOption actorOption;

        @Spec
        private CommandSpec spec;

        abstract LetterStatus status();

        @Option(names = "--all", description = "Mark every open letter: needed when no filter or --id narrows the selection.")
        private boolean all;

        @Override
        public Integer call() throws InterruptedException {
            filter.validate(spec.commandLine());
            final Selection selection;
            try {
                selection = new Selection(ids.stream().map(LetterId::parse).toList(), filter.filter(), filter.includeClosed());
            } catch (final IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--id: " + e.getMessage(), e);
            }
            if (ids.isEmpty() && !filter.any() && !all) {
                throw new ParameterException(spec.commandLine(), "no filter or --id given: this would mark every "
                        + (filter.includeClosed() ? "" : "open ") + "letter " + status() + "; add --all if that is meant");
            }
            final Actor actor = actorOption.actor();
            final TicketSyncConfig loaded = config.load();
            new TopicCheck(loaded, AclPlan.DLQ_RESOLVE).verify();
            final MarkReport report;
            try (AuditTrail audit = AuditTrail.open(loaded)) {
                report = new LetterMarker(loaded, audit).mark(selection, status(), note, actor, null);
            }
            final PrintWriter out = spec.commandLine().getOut();
            out.println("Marked " + report.marked() + " dead letters " + status() + " (" + selection.describe() + ")");
            if (!report.missing().isEmpty()) {
                out.println("  not in the dead-letter topic (removed by retention?): " + report.missing());
            }
            report.problems().forEach(problem -> out.println("  WARNING: " + problem));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Mark selected open dead letters resolved (fixed another way); inspect and the console then hide them.")
    static final class Resolve extends Mark {
        @Override
        LetterStatus status() {
            return LetterStatus.RESOLVED;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = "Mark selected open dead letters discarded (not wanted); inspect and the console then hide them.")
    static final class Discard extends Mark {
        @Override
        LetterStatus status() {
            return LetterStatus.DISCARDED;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write selected dead letters as JSON Lines (key, value, headers; base64 where not UTF-8).")
    static final class Export implements Callable<Integer> {

        @Mixin
        private ConfigOptions config;

        @Mixin
        private FilterOptions filter;

        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
        private Path output;

        @Mixin
        private ActorOption actorOption;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            filter.validate(spec.commandLine());
            final Actor actor = actorOption.actor();
            final TicketSyncConfig loaded = config.load();
            new TopicCheck(loaded, AclPlan.DLQ_EXPORT).verify();
            final Selection selection = Selection.of(filter.filter(), filter.includeClosed());
            final long written;
            try (AuditTrail audit = AuditTrail.open(loaded)) {
                final DeadLetterExport export = new DeadLetterExport(loaded, audit);
                if (output == null) {
                    written = export.write(selection, actor, System.out);
                    System.out.flush();
                } else {
                    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output))) {
                        written = export.write(selection, actor, file);
                    }
                }
            }
            spec.commandLine().getErr().println("Exported " + written + " dead letters (" + selection.describe() + ")");
            return ExitCodes.OK;
        }
    }
}
