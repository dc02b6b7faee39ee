package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Marks the letters of a selection resolved or discarded, through the dead-letter topic's one
 * {@link DlqWriter}: listed letters are read by seeking to each, a filter scans only up to the end
 * offsets the operator saw (letters that arrived since are left open). Shared by
 * {@code dlq resolve|discard} and the console; audited when it starts and with its outcome.
 */
public final class LetterMarker {

    static final int LISTED = 10_000;

    private final TicketSyncConfig config;
    private final AuditLog audit;

    public LetterMarker(final TicketSyncConfig config, final AuditLog audit) {
        this.config = config;
        this.audit = audit;
    }

    /**
     * @param ends per dead-letter partition, the end offset the operator's view was made at; null: as of now
     * @throws WriterBusyException when another replay or mark is writing
     * @throws AuditUnavailableException when the start could not be recorded (nothing marked), or the outcome
     */
    public MarkReport mark(final Selection selection, final LetterStatus status, final String note, final Actor actor,
                           final Map<Integer, Long> ends) {
        if (status == LetterStatus.OPEN || status == LetterStatus.REPLAYED) {
            throw new IllegalArgumentException("letters are marked RESOLVED or DISCARDED, not " + status);
        }
        final String action = status.name().toLowerCase(Locale.ROOT);
        final String text = note == null ? "" : note;
        audit.info(AuditEvent.of(action, actor, "started").with("selection", selection.describe()).with("note", text));
        final MarkReport report;
        try {
            report = decide(selection, status, text, actor.display(), ends, action);
        } catch (final RuntimeException e) {
            audit.warnAfter(AuditEvent.of(action, actor, e instanceof WriterBusyException ? "refused" : "failed")
                    .with("selection", selection.describe()).with("problem", e.getMessage()), e);
            throw e;
        }
        audit.info(AuditEvent.of(action, actor, "done").with("selection", selection.describe())
                .with("letters", report.marked()).with("missing", report.missing().size()).with("note", text));
        return report;
    }

    /** The marking itself, through the lease, as {@code actor} (what the decisions record). */
    private MarkReport decide(final Selection selection, final LetterStatus status, final String text, final String actor,
                              final Map<Integer, Long> ends, final String action) {
        final String topicId = DeadLetterTopicId.read(config);
        final List<DecisionRecord.Decided> decided = new ArrayList<>();
        final long[] marked = {0};
        try (DlqWriter writer = DlqWriter.open(config, topicId, actor, action);
             KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            final Decisions decisions = Decisions.read(config, topicId);
            DecisionAdoption.adopt(config, writer, decisions);
            final Instant now = Instant.now();
            final java.util.function.Consumer<DeadLetter> marking = letter -> {
                if (!selection.selects(LetterId.of(letter), letter)) {
                    return;
                }
                if (!decisions.statusOf(letter).isOpen() && !selection.includeClosed()) {
                    return;
                }
                final DecisionRecord.Decided recorded = writer.decide(letter,
                        new Resolution(LetterId.of(letter), status, actor, now, selection.describe(), text));
                marked[0]++;
                if (decided.size() < LISTED) {
                    decided.add(recorded);
                }
            };
            final List<LetterId> missing;
            if (selection.ids().isEmpty()) {
                final List<TopicPartition> partitions = DeadLetterScan.assignAll(consumer, config.topics().deadLetter());
                consumer.seekToBeginning(partitions);
                DeadLetterScan.toOffsets(consumer, limits(consumer, partitions, ends), marking,
                        () -> commitIfDue(writer), (read, total) -> { });
                missing = List.of();
            } else {
                missing = LetterReader.read(consumer, config.topics().deadLetter(), selection.ids(), marking);
            }
            writer.commit();
            return new MarkReport(marked[0], List.copyOf(decided), missing, decisions.problems().describe());
        }
    }

    private static void commitIfDue(final DlqWriter writer) {
        if (writer.commitDue(1_000)) {
            writer.commit();
        }
    }

    /** The operator's end offsets where given (never past the current end), else the current ones. */
    private static Map<TopicPartition, Long> limits(final KafkaConsumer<byte[], byte[]> consumer,
                                                    final List<TopicPartition> partitions, final Map<Integer, Long> ends) {
        final Map<TopicPartition, Long> current = consumer.endOffsets(partitions);
        if (ends == null) {
            return current;
        }
        final Map<TopicPartition, Long> limits = new HashMap<>();
        current.forEach((partition, end) -> limits.put(partition, Math.min(end, ends.getOrDefault(partition.partition(), 0L))));
        return limits;
    }
}
