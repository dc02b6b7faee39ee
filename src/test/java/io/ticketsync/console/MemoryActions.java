package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.CheckResult;
import io.ticketsync.deadletter.tools.DecisionRecord;
import io.ticketsync.deadletter.tools.EditReport;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.Resolution;
import io.ticketsync.deadletter.tools.UnconfirmedEditException;
import io.ticketsync.deadletter.tools.ValueEdit;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.ReplayPlan;
import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.SendProgress;
import io.ticketsync.deadletter.tools.TransformSummary;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.Selection;
import io.ticketsync.deadletter.tools.WriterBusyException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what it was asked to do, and by whom. */
final class MemoryActions implements LetterActions {

    static final String EXPORTED = "{\"id\":\"0@7\"}\n";
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ReplayJob> jobs = new java.util.concurrent.ConcurrentHashMap<>();
    /** Set: another action holds the dead-letter writer lease. */
    volatile String busy;

    @Override
    public long mark(final Selection selection, final LetterStatus status, final String note, final Actor actor,
                     final Map<Integer, Long> ends) {
        if (busy != null) {
            throw new WriterBusyException(busy);
        }
        calls.add(status + " by " + actor.display() + ": " + selection.describe() + " note=" + note + (ends == null ? "" : " ends=" + ends));
        return selection.ids().size();
    }

    /** The dry run a form asked for: it is done at once, with the report and progress {@link #dryRunReport} makes. */
    @Override
    public ReplayJob startDryRun(final ReplayRequest request, final Actor actor) {
        calls.add("DRY RUN by " + actor.display() + ": " + request.describe() + " rate=" + request.ratePerSecond());
        final ReplayJob job = new ReplayJob("job-1", request, actor.display(), Instant.now(), ReplayJob.State.DONE, 4, 4,
                dryRunReport(request), null, 0, new SendProgress(3, 1, 2.5, Optional.of(Duration.ofSeconds(1))));
        jobs.put(job.id(), job);
        return job;
    }

    private static ReplayReport dryRunReport(final ReplayRequest request) {
        final TransformSummary transform = request.transform() == null ? null : new TransformSummary(request.transform().hash(),
                2, 1, Map.of("unmapped-priority", 1L), 1, List.of("0@9: the value is not JSON"), 0,
                List.of(new TransformSummary.Sample("0@7", "T-7", List.of("fields.status: \"escalated\" -> \"open\""),
                        "would apply as version 2")));
        return new ReplayReport(request.describe(), request.target(), "group", true, 5, 5, 4, 0, 0, 0, 0, -1, 0, 0,
                List.of(LetterId.parse("0@7")), List.of(), List.of(), null, transform);
    }

    @Override
    public ReplayJob startPlan(final ReplayPlan plan, final Actor actor) {
        throw new UnsupportedOperationException("not replayed here");
    }

    @Override
    public Optional<ReplayJob> replay(final String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /** A value holding "escalated" would be dead-lettered again; anything else applies as version 1. */
    @Override
    public EditReport checkEdit(final LetterId id, final String value, final Actor actor) {
        final CheckResult check = value.contains("escalated")
                ? new CheckResult(CheckResult.Outcome.DEAD_LETTER, Optional.empty(), Optional.of("unmapped-status"),
                "status value 'escalated' has no mapping", Optional.empty(), Optional.empty(), List.of())
                : new CheckResult(CheckResult.Outcome.APPLIES, Optional.of(1L), Optional.empty(), "applies as version 1",
                Optional.empty(), Optional.of("{\"state\":\"OPEN\"}"), List.of("state: (absent) -> \"OPEN\""));
        ValueEdit.whole(value);
        return new EditReport(id, List.of("fields.status: \"escalated\" -> \"open\""), check,
                value.getBytes(StandardCharsets.UTF_8), null);
    }

    @Override
    public EditReport edit(final LetterId id, final String value, final boolean confirmed, final String note, final Actor actor) {
        if (busy != null) {
            throw new WriterBusyException(busy);
        }
        final EditReport checked = checkEdit(id, value, actor);
        if (checked.check().outcome() != CheckResult.Outcome.APPLIES && !confirmed) {
            throw new UnconfirmedEditException(checked);
        }
        calls.add("EDIT by " + actor.display() + ": " + id + " " + value);
        return new EditReport(id, checked.diff(), checked.check(), checked.value(),
                new DecisionRecord.Decided(id, 0, new Resolution(id, LetterStatus.REPLAYED, actor.display(), Instant.now(),
                        "ids=[" + id + "]", note == null ? "" : note, checked.diff())));
    }

    @Override
    public void export(final Selection selection, final Actor actor, final OutputStream out) throws IOException {
        calls.add("EXPORT by " + actor.display() + ": " + selection.describe());
        out.write(EXPORTED.getBytes(StandardCharsets.UTF_8));
    }
}

