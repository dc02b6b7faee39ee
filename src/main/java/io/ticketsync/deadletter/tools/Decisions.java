package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest decision about each letter of the dead-letter topic, read from the resolutions topic
 * for the topic's current id, for the {@code dlq} commands. A decision counts only for the letter
 * it was made about (same coordinates and fingerprint); anything else is counted in
 * {@link #problems()}, never applied. Only decisions about letters still in the topic are kept.
 */
public final class Decisions {

    private final Map<LetterId, DecisionRecord.Decided> latest = new HashMap<>();
    /** Decisions written before they were bound, while not yet adopted (see {@link DecisionAdoption}): they apply by place. */
    private final Map<LetterId, Resolution> legacy = new HashMap<>();
    private final DecisionProblems problems = new DecisionProblems();
    private final String dlqTopicId;
    private final byte[] adoptionMark;
    private boolean adopted;

    private Decisions(final String dlqTopicId, final String deadLetterTopic) {
        this.dlqTopicId = dlqTopicId;
        this.adoptionMark = DecisionAdoption.mark(deadLetterTopic);
    }

    /** Reads the resolutions topic to its end as of now. */
    public static Decisions read(final TicketSyncConfig config, final String dlqTopicId) {
        final Decisions decisions = new Decisions(dlqTopicId, config.topics().deadLetter());
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            consumer.seekToBeginning(DeadLetterScan.assignAll(consumer, config.topics().resolutions()));
            DeadLetterScan.recordsToEnd(consumer, decisions::apply);
            forgetDeleted(consumer, config.topics().deadLetter(), decisions.latest);
        }
        decisions.dropAdoptedLegacy();
        return decisions;
    }

    /** Decisions as read from {@code records} in order, for tests and callers with records at hand. */
    static Decisions of(final List<ConsumerRecord<byte[], byte[]>> records, final String dlqTopicId, final String deadLetterTopic) {
        final Decisions decisions = new Decisions(dlqTopicId, deadLetterTopic);
        records.forEach(decisions::apply);
        decisions.dropAdoptedLegacy();
        return decisions;
    }

    /** The mark and the legacy records may sit in different partitions: judged once all are read. */
    private void dropAdoptedLegacy() {
        if (adopted) {
            legacy.clear();
        }
    }

    private void apply(final ConsumerRecord<byte[], byte[]> raw) {
        if (java.util.Arrays.equals(adoptionMark, raw.key())) {
            adopted = true;
            return;
        }
        final DecisionRecord record = ResolutionCodec.read(raw, dlqTopicId);
        if (record instanceof DecisionRecord.Foreign foreign && foreign.legacy()) {
            legacy.remove(foreign.letter());
            ResolutionCodec.legacy(raw).ifPresent(resolution -> legacy.put(foreign.letter(), resolution));
        } else if (record instanceof DecisionRecord.Decided decided) {
            latest.put(decided.letter(), decided);
        } else if (record instanceof DecisionRecord.Reopened reopened) {
            latest.remove(reopened.letter());
        } else if (record instanceof DecisionRecord.Invalid invalid) {
            problems.invalid(invalid.where() + ": " + invalid.problem());
        } else if (record instanceof DecisionRecord.Foreign foreign && !foreign.legacy()) {
            problems.countForeign();
        }
    }

    /** Retention removed the letters below each partition's log start: their decisions are dropped. */
    private static void forgetDeleted(final KafkaConsumer<byte[], byte[]> consumer, final String deadLetterTopic,
                                      final Map<LetterId, DecisionRecord.Decided> latest) {
        final List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(deadLetterTopic).forEach(info -> partitions.add(new TopicPartition(deadLetterTopic, info.partition())));
        final Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        latest.keySet().removeIf(id -> {
            final Long start = starts.get(new TopicPartition(deadLetterTopic, id.partition()));
            return start == null || id.offset() < start;
        });
    }

    /** The letter's status: the decision about it when one was made about this very letter, else OPEN. */
    public LetterStatus statusOf(final DeadLetter letter) {
        final Resolution decision = decisionOf(letter);
        return decision == null ? LetterStatus.OPEN : decision.status();
    }

    /** The decision made about this very letter, or null (none, or one about another letter at its place: counted). */
    public Resolution decisionOf(final DeadLetter letter) {
        final DecisionRecord.Decided decided = latest.get(LetterId.of(letter));
        if (decided == null) {
            return adopted ? null : legacy.get(LetterId.of(letter));
        }
        if (decided.fingerprint() != LetterFingerprint.of(letter)) {
            problems.mismatched(decided.letter());
            return null;
        }
        return decided.resolution();
    }

    /** Whether the legacy decisions were adopted for this topic name (see {@link DecisionAdoption}). */
    boolean adopted() {
        return adopted;
    }

    /** The legacy decisions by place, while not adopted; empty after. */
    Map<LetterId, Resolution> legacy() {
        return Map.copyOf(legacy);
    }

    /** Applies decisions just written, so a long action sees its own marks. */
    void record(final DecisionRecord.Decided decided) {
        latest.put(decided.letter(), decided);
    }

    public DecisionProblems problems() {
        return problems;
    }
}
