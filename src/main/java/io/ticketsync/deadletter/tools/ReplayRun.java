package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.config.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replay in progress: which letters it sends and why it leaves the others, and (unless a dry
 * run) the writes through the {@link DlqWriter}, at the request's pace. With transform rules, only
 * the letters they change are sent, transformed; a dry run asks the {@link ChangeCheck} what each
 * would do.
 */
final class ReplayRun {

    private static final int EXAMPLES = 10;
    /** A report lists at most this many letters by id; it counts them all. */
    static final int LISTED = 1_000;

    private final ReplayRequest request;
    private final Decisions decisions;
    private final DlqWriter writer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String deadLetterTopic;
    private final ChangeCheck check;
    private final TransformTally tally;
    private final SendPace pace;
    private final SendMeter meter;
    private final ScanProgress progress;
    private long lastProgressNanos = System.nanoTime();
    /** Where a letter's source partition is kept; null for a dry run. */
    private final Topics topics;
    private final ReplayHalts halts;
    private final List<String> examples = new ArrayList<>();
    private final List<LetterId> letters = new ArrayList<>();
    /** A dry run's plan while it fits {@link ReplayPlan#MAX_LETTERS}; null when sending, or when it does not fit. */
    private List<ReplayPlan.Planned> planned;
    /** Per dead-letter partition, the offset after the last letter handled: what a commit may record as progress. */
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    private long matched;
    private long sent;
    private long closed;
    private long discarded;
    private long exhausted;
    private long incomplete;
    private long gone;
    private long changed;
    private long inTransaction;
    private long committed;

    private ReplayRun(final ReplayRequest request, final Decisions decisions, final DlqWriter writer,
                      final KafkaConsumer<byte[], byte[]> consumer, final Topics topics, final ChangeCheck check,
                      final ReplayHalts halts, final ScanProgress progress, final long expected) {
        this.request = request;
        this.decisions = decisions;
        this.writer = writer;
        this.consumer = consumer;
        this.topics = topics;
        this.deadLetterTopic = topics == null ? null : topics.deadLetter();
        this.check = check;
        this.halts = halts;
        this.tally = request.transform() == null ? null : new TransformTally(request.transform().hash());
        this.pace = SendPace.of(request.ratePerSecond());
        this.meter = new SendMeter(expected, System::nanoTime);
        this.progress = progress;
        this.planned = writer == null ? new ArrayList<>() : null;
    }

    /** @param check asked about each transformed letter (only with transform rules) */
    static ReplayRun dryRun(final ReplayRequest request, final Decisions decisions, final ChangeCheck check) {
        return new ReplayRun(request, decisions, null, null, null, check, ReplayHalts.NONE, (read, total) -> { }, -1);
    }

    /**
     * @param halts    asked after each committed batch: a halt stops the replay before its next batch
     * @param expected letters the plan showed, or -1
     */
    static ReplayRun sending(final ReplayRequest request, final Decisions decisions, final DlqWriter writer,
                             final KafkaConsumer<byte[], byte[]> consumer, final TicketSyncConfig config,
                             final ReplayHalts halts, final ScanProgress progress, final long expected) {
        return new ReplayRun(request, decisions, writer, consumer, config.topics(), null, halts, progress, expected);
    }

    /** A letter met while scanning: handled (its offset counts as progress), sent if selected. */
    void accept(final DeadLetter letter) {
        if (deadLetterTopic != null) {
            handled.put(new TopicPartition(deadLetterTopic, letter.partition()), new OffsetAndMetadata(letter.offset() + 1));
        }
        if (request.filter().matches(letter)) {
            consider(letter);
        }
    }

    /** A letter a plan listed, read by seeking: sent only if it is still the letter the plan showed. */
    void acceptPlanned(final DeadLetter letter, final String fingerprint) {
        if (!LetterFingerprint.text(LetterFingerprint.of(letter)).equals(fingerprint)) {
            changed++;
            return;
        }
        consider(letter);
        // A listed plan commits in batches too, so a halt can stop it between them.
        commitIfDue();
    }

    void gone(final long count) {
        gone += count;
    }

    private void consider(final DeadLetter letter) {
        matched++;
        final LetterStatus status = decisions.statusOf(letter);
        if (!request.allows(status)) {
            if (status == LetterStatus.DISCARDED) {
                discarded++;
            } else {
                closed++;
            }
            return;
        }
        if (letter.replayCount() >= request.maxReplays()) {
            exhausted++;
            return;
        }
        if (!letter.isComplete()) {
            incomplete++;
            return;
        }
        final LetterId id = LetterId.of(letter);
        byte[] value = letter.value();
        if (tally != null) {
            final Transformed transformed = request.transform().apply(letter.value());
            if (transformed.kind() != Transformed.Kind.CHANGED) {
                tally.skipped(id, transformed);
                return;
            }
            value = transformed.value();
            tally.transformed(id, letter.keyText(), transformed, writer == null ? checked(id, letter.key(), value) : null);
        }
        if (examples.size() < EXAMPLES) {
            examples.add(id + " key=" + letter.keyText() + " " + letter.stage() + "/" + letter.reason()
                    + " replay #" + (letter.replayCount() + 1));
        }
        if (letters.size() < LISTED) {
            letters.add(id);
        }
        if (planned != null) {
            planned = planned.size() < ReplayPlan.MAX_LETTERS ? planned : null;
            if (planned != null) {
                planned.add(new ReplayPlan.Planned(id.toString(), LetterFingerprint.text(LetterFingerprint.of(letter))));
            }
        }
        if (writer != null) {
            pace.acquire();
            final String rulesHash = request.transform() == null ? null : request.transform().hash();
            writer.send(DlqReplayer.replayOf(letter, request.target(), topics, value, rulesHash));
            decisions.record(writer.decide(letter, new Resolution(id, LetterStatus.REPLAYED, request.actor(), Instant.now(),
                    request.describe(), "replayed to " + request.target()
                    + (rulesHash == null ? "" : ", transformed by rules " + rulesHash))));
            inTransaction++;
            meter.sent();
            reportProgress(false);
            // Within a poll's letters too: a paced run must still commit (and renew the lease) every batch or 10 s.
            commitIfDue();
        }
        sent++;
    }

    /** Tells the progress listener how the sending goes, at most once a second unless {@code now}. */
    void reportProgress(final boolean now) {
        if (now || System.nanoTime() - lastProgressNanos >= 1_000_000_000L) {
            lastProgressNanos = System.nanoTime();
            progress.sending(meter.progress());
        }
    }

    private CheckResult checked(final LetterId id, final byte[] key, final byte[] value) {
        try {
            return check.check(key, value);
        } catch (final IllegalStateException e) {
            throw new CheckUnavailableException("cannot check what " + id + " would do once transformed: " + e.getMessage()
                    + "; the dry run stopped and nothing was sent", e);
        }
    }

    /**
     * Between polls: commits once a batch is full or has been open long enough, then stops if the
     * application halted replays meanwhile (what was committed stays sent and REPLAYED).
     *
     * @throws ReplayFailedException when halted, with the application's reason
     */
    void commitIfDue() {
        if (writer != null && writer.commitDue(request.batchSize() * 2)) {
            commit();
            halts.halted().ifPresent(reason -> {
                throw ReplayFailedException.stopped(committed, reason);
            });
        }
    }

    /**
     * Commits the sends together with the progress through the dead-letter topic: exactly the
     * letters handled, never the consumer's position, which may be past the plan's end.
     */
    void commit() {
        if (writer == null) {
            return;
        }
        if (handled.isEmpty()) {
            writer.commit();
        } else {
            writer.commit(Map.copyOf(handled), consumer.groupMetadata());
        }
        committed += inTransaction;
        inTransaction = 0;
    }

    long sent() {
        return sent;
    }

    long committed() {
        return committed;
    }

    /** The letters a dry run would send, or null when more than a plan lists. */
    List<ReplayPlan.Planned> planned() {
        return planned;
    }

    ReplayReport report(final String group, final long scanned, final long plannedCount, final ReplayPlan plan) {
        return new ReplayReport(request.describe(), request.target(), group, request.dryRun(), scanned, matched, sent, closed,
                discarded, exhausted, incomplete, plannedCount, gone, changed, List.copyOf(letters), List.copyOf(examples),
                decisions.problems().describe(), plan, tally == null ? null : tally.summary());
    }
}
