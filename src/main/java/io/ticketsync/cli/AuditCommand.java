package io.ticketsync.cli;

import io.ticketsync.cluster.AclPlan;
import io.ticketsync.cluster.TopicCheck;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.AuditQuery;
import io.ticketsync.deadletter.tools.AuditReader;
import io.ticketsync.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ticket-sync audit}: who did what, read back from the audit topic. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Print the audit trail: who signed in, viewed, marked, replayed, exported or released what, when,"
                + " and with which outcome; one line per event (time, actor, source, e-mail, roles, action, outcome, the rest).",
                "Reads the audit topic from its beginning to its end as of the start."})
final class AuditCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Option(names = "--who", paramLabel = "TEXT", description = "Only events whose actor id or e-mail contains TEXT (any case).")
    private String who;

    @Option(names = "--action", paramLabel = "NAME", split = ",",
            description = "Only these actions (repeatable or comma-separated), e.g. resolve,replay,brake-release,login.")
    private List<String> actions = new ArrayList<>();

    @Option(names = "--outcome", paramLabel = "NAME", description = "Only events with this outcome, e.g. done, failed, refused.")
    private String outcome;

    @Option(names = "--since", paramLabel = "WHEN", converter = TimeBound.class,
            description = "Events at or after WHEN: an ISO-8601 instant (2026-12-07T10:00:00Z) or a duration back from now (24h, 7d).")
    private Instant since;

    @Option(names = "--until", paramLabel = "WHEN", converter = TimeBound.class, description = "Events before WHEN (as --since).")
    private Instant until;

    @Option(names = "--json", description = "Print each event as its raw JSON line.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ParameterException(spec.commandLine(), "--since (" + since + ") must be before --until (" + until + ")");
        }
        final TicketSyncConfig loaded = config.load();
        new TopicCheck(loaded, AclPlan.AUDIT).verify();
        final PrintWriter out = spec.commandLine().getOut();
        final AuditReader.Summary summary = new AuditReader(loaded).read(
                new AuditQuery(who, Set.copyOf(actions), outcome, since, until),
                entry -> out.println(json ? entry.json() : entry.toLine()));
        out.flush();
        // On stderr, so stdout holds only events (JSON Lines with --json).
        final PrintWriter err = spec.commandLine().getErr();
        if (summary.unreadable() > 0) {
            err.println("WARNING: " + summary.unreadable() + " record(s) in " + loaded.topics().audit()
                    + " are not audit events, skipped; first at " + String.join(", ", summary.unreadableAt()));
        }
        err.println(summary.matched() + " of " + summary.read() + " audit events shown");
        err.flush();
        return ExitCodes.OK;
    }
}
