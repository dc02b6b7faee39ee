package io.ticketsync.console;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.config.InvalidConfigException;
import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.EditReport;
import io.ticketsync.deadletter.tools.HttpChangeCheck;
import io.ticketsync.deadletter.tools.LetterEditor;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.ValueEdit;
import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.deadletter.tools.DeadLetterExport;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.LetterMarker;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.MarkReport;
import io.ticketsync.deadletter.tools.ReplayFailedException;
import io.ticketsync.deadletter.tools.ReplayPlan;
import io.ticketsync.deadletter.tools.SendProgress;
import io.ticketsync.deadletter.tools.ScanProgress;
import io.ticketsync.deadletter.tools.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The console's actions through the engines the {@code dlq} commands use: {@link LetterMarker},
 * {@link DlqReplayer}, {@link LetterEditor} and {@link DeadLetterExport}. Replays run one at a time on a background thread
 * (two replays of one selection would fence each other anyway), reporting progress as they go.
 */
public final class KafkaLetterActions implements LetterActions, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLetterActions.class);

    private final TicketSyncConfig config;
    private final KafkaDeadLetterCatalog catalog;
    private final AuditLog audit;
    private final ExecutorService replays = Executors.newSingleThreadExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "ticket-sync-console-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ReplayJob> jobs = new ConcurrentHashMap<>();
    /** Letters per transaction; a transaction also commits after ten seconds. */
    private static final int BATCH_SIZE = 500;

    /** @param audit where every action is recorded before it is done (the caller owns and closes it) */
    public KafkaLetterActions(final TicketSyncConfig config, final KafkaDeadLetterCatalog catalog, final AuditLog audit) {
        this.config = config;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Override
    public long mark(final Selection selection, final LetterStatus status, final String note, final Actor actor,
                     final Map<Integer, Long> ends) {
        final MarkReport report = new LetterMarker(config, audit).mark(selection, status, note, actor, ends);
        catalog.decided(report.decided());
        return report.marked();
    }

    @Override
    public ReplayJob startDryRun(final ReplayRequest request, final Actor actor) {
        return start(request, job -> new DlqReplayer(config, audit).plan(request, actor, progress(job)));
    }

    @Override
    public ReplayJob startPlan(final ReplayPlan plan, final Actor actor) {
        return start(plan.request(actor.display(), BATCH_SIZE),
                job -> new DlqReplayer(config, audit).execute(plan, actor, BATCH_SIZE, progress(job)));
    }

    private ReplayJob start(final ReplayRequest request, final Function<ReplayJob, ReplayReport> work) {
        final ReplayJob queued = new ReplayJob(UUID.randomUUID().toString(), request, request.actor(), Instant.now(),
                ReplayJob.State.RUNNING, 0, 0, null, null, 0);
        jobs.put(queued.id(), queued);
        replays.submit(() -> run(queued, work));
        return queued;
    }

    @Override
    public Optional<ReplayJob> replay(final String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public EditReport checkEdit(final LetterId id, final String value, final Actor actor) {
        return editor().dryRun(id, ValueEdit.whole(value), actor);
    }

    @Override
    public EditReport edit(final LetterId id, final String value, final boolean confirmed, final String note, final Actor actor) {
        final EditReport report = editor().send(id, ValueEdit.whole(value), confirmed, note, actor);
        catalog.decided(List.of(report.decided()));
        return report;
    }

    /** Asked per edit: without dlq.check.url (or console.tickets.url) the console still serves everything else. */
    private LetterEditor editor() {
        try {
            return new LetterEditor(config, audit, HttpChangeCheck.of(config));
        } catch (final InvalidConfigException e) {
            throw new IllegalStateException("no running ticket-sync to check the edit with: " + e.getMessage(), e);
        }
    }

    @Override
    public void export(final Selection selection, final Actor actor, final OutputStream out) throws IOException {
        new DeadLetterExport(config, audit).write(selection, actor, out);
    }

    @Override
    public void close() {
        replays.shutdownNow();
    }

    /**
     * Every outcome is told on the job's page: an Error as much as an exception (the job must not
     * stay RUNNING), with the letters already sent when it failed part way.
     */
    private void run(final ReplayJob job, final Function<ReplayJob, ReplayReport> work) {
        try {
            final ReplayReport report = work.apply(job);
            jobs.computeIfPresent(job.id(), (id, current) -> current.done(report));
        } catch (final ReplayFailedException e) {
            LOG.error("Replay {} ({}) failed after {} letters", job.id(), job.request().describe(), e.committed(), e);
            jobs.computeIfPresent(job.id(), (id, current) -> current.failed(e.getMessage(), e.committed()));
        } catch (final Throwable e) {
            LOG.error("Replay {} ({}) failed", job.id(), job.request().describe(), e);
            jobs.computeIfPresent(job.id(), (id, current) -> current.failed(String.valueOf(e.getMessage()), 0));
            if (e instanceof Error error && !(e instanceof StackOverflowError)) {
                throw error;
            }
        }
    }

    /** Updates the job as it now is: scan progress and send progress arrive apart. */
    private ScanProgress progress(final ReplayJob job) {
        return new ScanProgress() {
            @Override
            public void report(final long read, final long total) {
                jobs.computeIfPresent(job.id(), (id, current) -> current.progressed(read, total));
            }

            @Override
            public void sending(final SendProgress progress) {
                jobs.computeIfPresent(job.id(), (id, current) -> current.sent(progress));
            }
        };
    }
}
