package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.config.Topics;
import io.ticketsync.control.ControlTopic;
import io.ticketsync.control.ReplayHalt;
import io.ticketsync.control.ReplayHaltWatch;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends selected dead letters back to the replay topic, which the pipeline reads beside the input
 * (so the input's other consumers never see them twice): original key, value and headers, error
 * headers removed, {@value DeadLetter#REPLAY_COUNT_HEADER} incremented; letters already replayed
 * {@code maxReplays} times are left alone, so a record that keeps failing is not looped forever.
 *
 * <p>A dry run scans and returns a {@link ReplayPlan}; {@link #execute} sends exactly that plan:
 * the listed letters, or (for a plan too large to list) what matches below the plan's end offsets,
 * never a letter that arrived after the dry run. It writes through the dead-letter topic's one
 * {@link DlqWriter}: each send, its REPLAYED decision and the progress through the dead-letter
 * topic (a consumer group named after the canonical request) commit together, so a crash neither
 * loses nor doubles a letter, and a concurrent replay or mark is refused rather than sending the
 * same letters again.
 */
public final class DlqReplayer {

    private final TicketSyncConfig config;
    private final AuditLog audit;
    private final ChangeCheck check;

    /** A replayer whose transform dry runs ask the configured {@link ChangeChecks#from check}. */
    public DlqReplayer(final TicketSyncConfig config, final AuditLog audit) {
        this(config, audit, ChangeChecks.from(config));
    }

    /** @param check what a transform's dry run asks about each transformed letter */
    public DlqReplayer(final TicketSyncConfig config, final AuditLog audit, final ChangeCheck check) {
        this.config = config;
        this.audit = audit;
        this.check = check;
    }

    /** The consumer group that records a request's progress: one per canonical request. */
    public String consumerGroup(final ReplayRequest request) {
        return config.applicationId() + "-dlq-replay-" + ShortHash.of(request.canonical());
    }

    /**
     * A dry run returns its plan in the report; otherwise it plans as of now and sends at once.
     *
     * @param actor who asks, for the audit trail ({@code request.actor()} is what letters and plans record)
     */
    public ReplayReport replay(final ReplayRequest request, final Actor actor, final ScanProgress progress) {
        checkTarget(config, request.target(), request.force());
        if (request.dryRun()) {
            return plan(request, actor, progress);
        }
        final String topicId = DeadLetterTopicId.read(config);
        return execute(ReplayPlan.of(request, topicId, endOffsets(), null, -1), actor, request.batchSize(), progress);
    }

    /** What the request would send now, and the plan that sends exactly that; nothing written but its audit event. */
    public ReplayReport plan(final ReplayRequest request, final Actor actor, final ScanProgress progress) {
        checkTarget(config, request.target(), request.force());
        final String topicId = DeadLetterTopicId.read(config);
        final Decisions decisions = Decisions.read(config, topicId);
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(),
                consumerGroup(request))) {
            final List<TopicPartition> partitions = DeadLetterScan.assignAll(consumer, config.topics().deadLetter());
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            positionAtCommitted(consumer, partitions);
            final ReplayRun run = ReplayRun.dryRun(request, decisions, check);
            final long scanned = DeadLetterScan.toOffsets(consumer, ends, run::accept, () -> { }, progress);
            final ReplayPlan plan = ReplayPlan.of(request, topicId, byNumber(ends), run.planned(), run.sent());
            final ReplayReport report = run.report(consumerGroup(request), scanned, -1, plan);
            audit.info(withTransform(AuditEvent.of("replay-dry-run", actor, "done").with("selection", request.describe())
                    .with("target", request.target()).with("letters", run.sent()), request, report));
            return report;
        }
    }

    /**
     * Sends exactly what {@code plan} shows and reports any difference (letters decided about, gone
     * or changed since the plan was made).
     *
     * @throws WriterBusyException     when another replay or mark is writing to the dead-letter topic
     * @throws ReplayFailedException    when it fails part way, or the application halts replays (most replayed
     *                                 records were dead-lettered again): it says what was already sent
     * @throws IllegalStateException   when the dead-letter topic is not the one the plan was made on
     * @throws AuditUnavailableException when the start could not be recorded (nothing sent), or the outcome
     */
    public ReplayReport execute(final ReplayPlan plan, final Actor actor, final int batchSize, final ScanProgress progress) {
        checkTarget(config, plan.target(), plan.force());
        final ReplayRequest request = plan.request(actor.display(), batchSize);
        final String topicId = DeadLetterTopicId.read(config);
        if (!topicId.equals(plan.dlqTopicId())) {
            throw new IllegalStateException("the dead-letter topic '" + config.topics().deadLetter()
                    + "' was deleted and recreated since the plan was made: nothing sent; make a new dry run");
        }
        final AuditEvent started = AuditEvent.of("replay", actor, "started").with("selection", request.describe())
                .with("target", plan.target()).with("planned", plan.count());
        audit.info(withTransform(started, request, null).with("rate", request.ratePerSecond()));
        final String group = consumerGroup(request);
        ReplayRun run = null;
        final ReplayReport report;
        // Opened first: a halt the application writes once this replay's records fail again is newer than it.
        try (ReplayHaltWatch halts = ReplayHaltWatch.open(new ControlTopic(config), config.topics().deadLetter(),
                config.startupTimeout());
             DlqWriter writer = DlqWriter.open(config, topicId, actor.display(), "replay");
             KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), group)) {
            // Read after the lease is ours: no other writer can change what they say meanwhile.
            final Decisions decisions = Decisions.read(config, topicId);
            DecisionAdoption.adopt(config, writer, decisions);
            run = ReplayRun.sending(request, decisions, writer, consumer, config, () -> halts.poll().map(ReplayHalt::reason),
                    progress, plan.count());
            final long scanned;
            if (plan.letters() != null) {
                final Map<LetterId, String> planned = new HashMap<>();
                plan.letters().forEach(letter -> planned.put(letter.letterId(), letter.fingerprint()));
                final ReplayRun sending = run;
                final List<LetterId> gone = LetterReader.read(consumer, config.topics().deadLetter(), planned.keySet(),
                        letter -> sending.acceptPlanned(letter, planned.get(LetterId.of(letter))));
                run.gone(gone.size());
                scanned = planned.size() - gone.size();
            } else {
                final List<TopicPartition> partitions = DeadLetterScan.assignAll(consumer, config.topics().deadLetter());
                positionAtCommitted(consumer, partitions);
                final Map<TopicPartition, Long> ends = new HashMap<>();
                plan.ends().forEach((partition, end) -> ends.put(new TopicPartition(config.topics().deadLetter(), partition), end));
                scanned = DeadLetterScan.toOffsets(consumer, ends, run::accept, run::commitIfDue, progress);
            }
            run.commit();
            run.reportProgress(true);
            report = run.report(group, scanned, plan.count(), null);
        } catch (final RuntimeException e) {
            final long committed = run == null ? 0 : run.committed();
            audit.warnAfter(AuditEvent.of("replay", actor, outcome(e))
                    .with("selection", request.describe()).with("target", plan.target()).with("letters", committed)
                    .with("problem", e.getMessage()), e);
            // A halt already says what was sent, and why it stopped.
            if (e instanceof WriterBusyException || e instanceof ReplayFailedException || run == null) {
                throw e;
            }
            throw new ReplayFailedException(committed, e);
        }
        // Outside the try: the letters are sent; a trail failing now must not be told as a failed replay.
        audit.info(withTransform(AuditEvent.of("replay", actor, "done").with("selection", request.describe())
                .with("target", plan.target()).with("planned", plan.count()).with("letters", report.sent()), request, report));
        return report;
    }

    /** The rules' hash and, once known, the counts by outcome: what the trail must say of a transform. */
    private static AuditEvent withTransform(final AuditEvent event, final ReplayRequest request, final ReplayReport report) {
        if (request.transform() == null) {
            return event;
        }
        final AuditEvent named = event.with("rules", request.transform().hash());
        final TransformSummary summary = report == null ? null : report.transform();
        return summary == null ? named : named.with("applies", summary.applies()).with("stale", summary.stale())
                .with("failing", summary.failingTotal()).with("notTransformable", summary.notTransformable())
                .with("unchanged", summary.unchanged());
    }

    private static String outcome(final RuntimeException e) {
        if (e instanceof WriterBusyException) {
            return "refused";
        }
        return e instanceof ReplayFailedException failed && failed.halted() ? "halted" : "failed";
    }

    /**
     * Raw changes in the output topic would be read as snapshots, and in the dead-letter topic as
     * letters: both are refused. Any topic but the replay topic needs {@code force}: the input
     * itself too, since every other consumer group of the input would receive the letters again.
     * Public so the CLI refuses a target before it waits for the cluster.
     *
     * @throws InvalidReplayTargetException when the target is refused
     */
    public static void checkTarget(final TicketSyncConfig config, final String target, final boolean force) {
        if (target.equals(config.topics().output()) || target.equals(config.topics().deadLetter())) {
            throw new InvalidReplayTargetException("refusing to replay into '" + target + "': it is the "
                    + (target.equals(config.topics().output()) ? "output" : "dead-letter") + " topic; replay into the replay topic '"
                    + config.topics().replay() + "'");
        }
        if (!target.equals(config.topics().replay()) && !force) {
            throw new InvalidReplayTargetException("'" + target + "' is not the replay topic '" + config.topics().replay()
                    + "'" + (target.equals(config.topics().input()) ? " (every other consumer group of the input would receive"
                    + " the letters again)" : "") + "; add --force to replay into another topic");
        }
    }

    private Map<Integer, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            return byNumber(consumer.endOffsets(DeadLetterScan.assignAll(consumer, config.topics().deadLetter())));
        }
    }

    private static Map<Integer, Long> byNumber(final Map<TopicPartition, Long> ends) {
        final Map<Integer, Long> byNumber = new HashMap<>();
        ends.forEach((partition, end) -> byNumber.put(partition.partition(), end));
        return byNumber;
    }

    /** Positions every partition at the request's committed progress, or at the beginning. */
    private static void positionAtCommitted(final KafkaConsumer<byte[], byte[]> consumer, final List<TopicPartition> partitions) {
        final Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        final Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        for (final TopicPartition partition : partitions) {
            final OffsetAndMetadata done = committed.get(partition);
            consumer.seek(partition, done == null ? beginning.get(partition) : Math.max(done.offset(), beginning.get(partition)));
        }
    }

    /**
     * The headers of a letter sent again (replayed or edited): the original record's, error headers
     * removed, {@value DeadLetter#REPLAY_COUNT_HEADER} incremented.
     */
    static RecordHeaders sentAgainHeaders(final DeadLetter letter) {
        final RecordHeaders headers = new RecordHeaders();
        for (final Header header : letter.headers()) {
            if (!DeadLetterHeaders.ALL.contains(header.key()) && !DeadLetter.REPLAY_COUNT_HEADER.equals(header.key())) {
                headers.add(header);
            }
        }
        headers.add(DeadLetter.REPLAY_COUNT_HEADER,
                String.valueOf(letter.replayCount() + 1).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /**
     * The letter as it was before it failed. Into the input or replay topic, from either, it goes to
     * its own source partition (both topics have the same count, and task i reads partition i of
     * both): re-hashing the key with the Java partitioner would move a ticket whose producer used
     * another partitioner (librdkafka's CRC32, sarama's FNV-1a) to a task that has no state for it,
     * bypassing the stale check.
     */
    static ProducerRecord<byte[], byte[]> replayOf(final DeadLetter letter, final String target, final Topics topics) {
        return replayOf(letter, target, topics, letter.value(), null);
    }

    /** The letter with {@code value} instead of its own, and the transform rules' hash in a header when given. */
    static ProducerRecord<byte[], byte[]> replayOf(final DeadLetter letter, final String target, final Topics topics,
                                                   final byte[] value, final String rulesHash) {
        final RecordHeaders headers = sentAgainHeaders(letter);
        if (rulesHash != null) {
            headers.remove(TransformRules.HEADER);
            headers.add(TransformRules.HEADER, rulesHash.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(target, partitionIn(letter, target, topics), letter.timestamp().toEpochMilli(),
                letter.key(), value, headers);
    }

    /** The letter's source partition when it is sent into the pipeline's topics; null (the key decides) elsewhere. */
    static Integer partitionIn(final DeadLetter letter, final String target, final Topics topics) {
        if (letter.sourcePartition() < 0 || letter.sourceTopic() == null) {
            return null;
        }
        final Set<String> pipeline = Set.of(topics.input(), topics.replay());
        final boolean keeps = target.equals(letter.sourceTopic()) || pipeline.contains(target) && pipeline.contains(letter.sourceTopic());
        return keeps ? letter.sourcePartition() : null;
    }
}
