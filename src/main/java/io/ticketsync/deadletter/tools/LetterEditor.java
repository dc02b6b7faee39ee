package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixes one open letter and sends it on: reads it, applies a {@link ValueEdit}, asks a running
 * instance what the edited record would do ({@link ChangeCheck}), and, unless a dry run, through
 * the dead-letter topic's one {@link DlqWriter} and in one transaction, writes it to the replay
 * topic (its source partition, original key and headers without the error headers, plus who edited
 * which letter when) and marks the letter REPLAYED with the edit. An edit the check says would be
 * stale or dead-lettered again is sent only when confirmed. Shared by {@code dlq edit} and the
 * console; audited when it starts and with its outcome.
 */
public final class LetterEditor {

    /** Names the letter an edited record came from: {@code <dlq topic id>/<partition>@<offset>}. */
    public static final String LETTER_HEADER = "ticketsync.edit.letter";
    /** Who edited it, as decisions record them. */
    public static final String ACTOR_HEADER = "ticketsync.edit.actor";
    /** When, ISO-8601. */
    public static final String AT_HEADER = "ticketsync.edit.at";
    private static final String ACTION = "edit";

    private final TicketSyncConfig config;
    private final AuditLog audit;
    private final ChangeCheck check;

    public LetterEditor(final TicketSyncConfig config, final AuditLog audit, final ChangeCheck check) {
        this.config = config;
        this.audit = audit;
        this.check = check;
    }

    /**
     * Edits and checks; nothing written but the audit event.
     *
     * @throws InvalidEditException    the letter is gone or closed, or the edit cannot be made
     * @throws IllegalStateException   no instance could check it
     */
    public EditReport dryRun(final LetterId id, final ValueEdit edit, final Actor actor) {
        final String topicId = DeadLetterTopicId.read(config);
        final EditReport report = checked(openLetter(id, Decisions.read(config, topicId)), edit);
        audit.info(event(actor, "dry-run", report));
        return report;
    }

    /**
     * Edits, checks and sends.
     *
     * @param confirmed send even when the check says stale or dead-lettered again
     * @throws UnconfirmedEditException when the check says so and it was not confirmed (nothing sent)
     * @throws InvalidEditException     the letter is gone or closed, or the edit cannot be made
     * @throws WriterBusyException      another replay, mark or edit holds the writer lease
     * @throws IllegalStateException    no instance could check it
     */
    public EditReport send(final LetterId id, final ValueEdit edit, final boolean confirmed, final String note,
                           final Actor actor) {
        final String topicId = DeadLetterTopicId.read(config);
        audit.info(AuditEvent.of(ACTION, actor, "started").with("letter", id.toString())
                .with("dlqTopic", config.topics().deadLetter()));
        final EditReport report;
        try (DlqWriter writer = DlqWriter.open(config, topicId, actor.display(), ACTION)) {
            // Read after the lease is ours: no other writer can close the letter meanwhile.
            final Decisions decisions = Decisions.read(config, topicId);
            DecisionAdoption.adopt(config, writer, decisions);
            final DeadLetter letter = openLetter(id, decisions);
            final EditReport checked = checked(letter, edit);
            if (checked.check().outcome() != CheckResult.Outcome.APPLIES && !confirmed) {
                throw new UnconfirmedEditException(checked);
            }
            final Instant now = Instant.now();
            writer.send(editedRecord(letter, checked.value(), topicId, actor, now));
            final DecisionRecord.Decided decided = writer.decide(letter, new Resolution(id, LetterStatus.REPLAYED, actor.display(), now, "ids=[" + id + "]",
                    note == null || note.isBlank() ? "edited and sent to " + config.topics().replay() : note, checked.diff()));
            writer.commit();
            report = new EditReport(id, checked.diff(), checked.check(), checked.value(), decided);
        } catch (final UnconfirmedEditException e) {
            audit.warnAfter(event(actor, "refused", e.report()).with("problem", e.getMessage()), e);
            throw e;
        } catch (final RuntimeException e) {
            audit.warnAfter(AuditEvent.of(ACTION, actor, e instanceof WriterBusyException || e instanceof InvalidEditException
                    ? "refused" : "failed").with("letter", id.toString()).with("problem", e.getMessage()), e);
            throw e;
        }
        // Outside the try: the record is sent; a trail failing now must not be told as a failed edit.
        audit.info(event(actor, "done", report).with("target", config.topics().replay()));
        return report;
    }

    private EditReport checked(final DeadLetter letter, final ValueEdit edit) {
        final ValueEdit.Edited edited = edit.apply(letter.value());
        return new EditReport(LetterId.of(letter), edited.diff(), check.check(letter.key(), edited.value()), edited.value(), null);
    }

    private AuditEvent event(final Actor actor, final String outcome, final EditReport report) {
        return AuditEvent.of(ACTION, actor, outcome).with("letter", report.letter().toString())
                .with("dlqTopic", config.topics().deadLetter()).with("diff", String.join("; ", report.diff()))
                .with("check", EditReport.headline(report.check()));
    }

    /** The letter at {@code id}, if it is there and open. */
    private DeadLetter openLetter(final LetterId id, final Decisions decisions) {
        final List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            LetterReader.read(consumer, config.topics().deadLetter(), List.of(id), found::add);
        }
        if (found.isEmpty()) {
            throw new InvalidEditException("no letter " + id + " in '" + config.topics().deadLetter() + "' (removed by retention?)");
        }
        final DeadLetter letter = found.get(0);
        final Resolution decision = decisions.decisionOf(letter);
        if (decision != null && !decision.status().isOpen()) {
            throw new InvalidEditException("letter " + id + " is closed (" + decision.status() + " by " + decision.actor() + " at "
                    + decision.at() + "): only open letters are edited; a letter that fails again is a new, open one");
        }
        if (!letter.isComplete()) {
            throw new InvalidEditException("letter " + id + " was cut down to fit the dead-letter topic: it lost part of the"
                    + " original record and cannot be sent again");
        }
        return letter;
    }

    /** The edited change as the replay topic gets it: where the original came from, so the same task applies it. */
    private ProducerRecord<byte[], byte[]> editedRecord(final DeadLetter letter, final byte[] value, final String topicId,
                                                        final Actor actor, final Instant at) {
        final RecordHeaders headers = DlqReplayer.sentAgainHeaders(letter);
        headers.add(LETTER_HEADER, utf8(topicId + "/" + LetterId.of(letter)));
        headers.add(ACTOR_HEADER, utf8(actor.display()));
        headers.add(AT_HEADER, utf8(at.toString()));
        final String target = config.topics().replay();
        return new ProducerRecord<>(target, DlqReplayer.partitionIn(letter, target, config.topics()),
                letter.timestamp().toEpochMilli(), letter.key(), value, headers);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
