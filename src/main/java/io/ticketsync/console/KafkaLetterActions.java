package io.ticketsync.console;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.DeadLetterExport;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.LetterMarker;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.Resolution;
import io.ticketsync.deadletter.tools.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The console's actions through the engines the {@code dlq} commands use: {@link LetterMarker},
 * {@link DlqReplayer} and {@link DeadLetterExport}. Replays run one at a time on a background thread
 * (two replays of one selection would fence each other anyway), reporting progress as they go.
 */
public final class KafkaLetterActions implements LetterActions, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLetterActions.class);

    private final TicketSyncConfig config;
    private final KafkaDeadLetterCatalog catalog;
    private final ExecutorService replays = Executors.newSingleThreadExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "ticket-sync-console-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ReplayJob> jobs = new ConcurrentHashMap<>();

    public KafkaLetterActions(final TicketSyncConfig config, final KafkaDeadLetterCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    @Override
    public long mark(final Selection selection, final LetterStatus status, final String note, final String actor) {
        final List<Resolution> recorded = new LetterMarker(config).mark(selection, status, note, actor);
        catalog.decided(catalog.boundToIndexed(recorded));
        return recorded.size();
    }

    @Override
    public ReplayJob startReplay(final ReplayRequest request) {
        final String id = UUID.randomUUID().toString();
        final ReplayJob queued = new ReplayJob(id, request, request.actor(), Instant.now(), ReplayJob.State.RUNNING, 0, 0, null, null);
        jobs.put(id, queued);
        replays.submit(() -> run(queued));
        return queued;
    }

    @Override
    public Optional<ReplayJob> replay(final String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public void export(final Selection selection, final String actor, final OutputStream out) throws IOException {
        new DeadLetterExport(config).write(selection, actor, out);
    }

    @Override
    public void close() {
        replays.shutdownNow();
    }

    private void run(final ReplayJob job) {
        try {
            final ReplayReport report = new DlqReplayer(config).replay(job.request(), (read, total) ->
                    jobs.put(job.id(), withProgress(job, read, total)));
            jobs.put(job.id(), new ReplayJob(job.id(), job.request(), job.actor(), job.started(), ReplayJob.State.DONE,
                    report.scanned(), report.scanned(), report, null));
        } catch (final RuntimeException e) {
            LOG.error("Replay {} ({}) failed", job.id(), job.request().filter().describe(), e);
            jobs.put(job.id(), new ReplayJob(job.id(), job.request(), job.actor(), job.started(), ReplayJob.State.FAILED,
                    0, 0, null, String.valueOf(e.getMessage())));
        }
    }

    private static ReplayJob withProgress(final ReplayJob job, final long read, final long total) {
        return new ReplayJob(job.id(), job.request(), job.actor(), job.started(), ReplayJob.State.RUNNING, read, total, null, null);
    }
}
