package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.config.Topics;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends selected dead letters back to the input topic: original key, value and headers, error
 * headers removed, {@value DeadLetter#REPLAY_COUNT_HEADER} incremented; letters already replayed
 * {@code maxReplays} times are left alone, so a record that keeps failing is not looped forever.
 *
 * <p>Consume-transform-produce under a transaction: the sends and the progress through the
 * dead-letter topic (a consumer group named after the selection) commit together, so a crash
 * mid-replay neither loses nor doubles a batch, and replaying the same selection again sends only
 * dead letters that arrived since. The transactional id is the group's name, so two replays of one
 * selection cannot run at once: the newer fences the older.
 */
public final class DlqReplayer {

    private static final int EXAMPLES = 10;

    private final TicketSyncConfig config;

    public DlqReplayer(final TicketSyncConfig config) {
        this.config = config;
    }

    /** The consumer group (and transactional id) that records a selection's progress. */
    public String consumerGroup(final DeadLetterFilter filter, final String target) {
        return config.applicationId() + "-dlq-replay-" + shortHash(filter.describe() + "->" + target);
    }

    /**
     * Replays the request's selection; letters already resolved, discarded or replayed only with
     * {@link ReplayRequest#includeClosed()}. Each letter sent is recorded as REPLAYED in the
     * resolutions topic within the same transaction as the send.
     *
     * @throws InvalidReplayTargetException when the target is refused
     */
    public ReplayReport replay(final ReplayRequest request, final ScanProgress progress) {
        checkTarget(request.target(), request.force());
        final String group = consumerGroup(request.filter(), request.target());
        final Map<LetterId, Resolution> decided = new ResolutionLog(config).readAll();
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), group);
             KafkaProducer<byte[], byte[]> producer = request.dryRun() ? null : producer(group)) {
            positionAtCommitted(consumer, DeadLetterScan.assignAll(consumer, config.topics().deadLetter()));
            final Run run = new Run(request, decided, consumer, producer, config.topics());
            final long scanned = DeadLetterScan.toEnd(consumer, run::accept, run::commitFullBatch, progress);
            run.commit();
            AuditLog.logger().info(AuditEvent.of(request.dryRun() ? "replay-dry-run" : "replay", request.actor(), "done")
                    .with("selection", request.filter().describe() + (request.includeClosed() ? ",include-closed" : ""))
                    .with("target", request.target()).with("letters", run.sent));
            return new ReplayReport(request.filter().describe(), request.target(), group, request.dryRun(), scanned,
                    run.matched, run.sent, run.closed, run.exhausted, run.incomplete, List.copyOf(run.letters), run.examples);
        }
    }

    /**
     * Raw changes in the output topic would be read as snapshots, and in the dead-letter topic as
     * letters: both are refused. Another topic (a staging copy of the input) needs {@code force}.
     * Public so the CLI refuses a target before it waits for the cluster.
     *
     * @throws InvalidReplayTargetException when the target is refused
     */
    public void checkTarget(final String target, final boolean force) {
        if (target.equals(config.topics().output()) || target.equals(config.topics().deadLetter())) {
            throw new InvalidReplayTargetException("refusing to replay into '" + target + "': it is the "
                    + (target.equals(config.topics().output()) ? "output" : "dead-letter") + " topic; replay into the input topic '"
                    + config.topics().input() + "'");
        }
        if (!target.equals(config.topics().input()) && !force) {
            throw new InvalidReplayTargetException("'" + target + "' is not the input topic '" + config.topics().input()
                    + "'; add --force to replay into another topic");
        }
    }

    /** One replay: what it selected and sent, and the open transaction (none on a dry run). */
    private static final class Run {
        private final ReplayRequest request;
        private final Map<LetterId, Resolution> decided;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final Topics topics;
        private final List<String> examples = new ArrayList<>();
        private final List<LetterId> letters = new ArrayList<>();
        /** Per dead-letter partition, the offset after the last letter handled: what a commit may record. */
        private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        private long matched;
        private long sent;
        private long closed;
        private long exhausted;
        private long incomplete;
        private int inTransaction;

        Run(final ReplayRequest request, final Map<LetterId, Resolution> decided, final KafkaConsumer<byte[], byte[]> consumer,
            final KafkaProducer<byte[], byte[]> producer, final Topics topics) {
            this.request = request;
            this.decided = decided;
            this.consumer = consumer;
            this.producer = producer;
            this.topics = topics;
            if (producer != null) {
                producer.initTransactions();
                producer.beginTransaction();
            }
        }

        void accept(final DeadLetter letter) {
            final LetterId id = LetterId.of(letter);
            handled.put(new TopicPartition(topics.deadLetter(), letter.partition()), new OffsetAndMetadata(letter.offset() + 1));
            if (!request.filter().matches(letter)) {
                return;
            }
            matched++;
            final Resolution decision = decided.get(id);
            if (decision != null && !decision.status().isOpen() && !request.includeClosed()) {
                closed++;
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
            if (examples.size() < EXAMPLES) {
                examples.add(id + " key=" + letter.keyText() + " "
                        + letter.stage() + "/" + letter.reason() + " replay #" + (letter.replayCount() + 1));
            }
            letters.add(id);
            if (producer != null) {
                producer.send(replayOf(letter, request.target()));
                producer.send(ResolutionLog.record(topics.resolutions(), new Resolution(id, LetterStatus.REPLAYED,
                        request.actor(), Instant.now(), request.filter().describe(), "replayed to " + request.target())));
                inTransaction++;
            }
            sent++;
        }

        /** Between polls: commits once a batch is full, so a crash loses at most the open batch's progress. */
        void commitFullBatch() {
            if (inTransaction >= request.batchSize()) {
                commit();
                producer.beginTransaction();
            }
        }

        /**
         * Commits the sends together with the progress through the dead-letter topic: exactly the
         * letters handled, never the consumer's position, which may already be past letters that
         * arrived during the scan and were left for the next run.
         */
        void commit() {
            if (producer == null) {
                return;
            }
            producer.sendOffsetsToTransaction(Map.copyOf(handled), consumer.groupMetadata());
            producer.commitTransaction();
            inTransaction = 0;
        }
    }

    /** Positions every partition at the selection's committed progress, or at the beginning. */
    private static void positionAtCommitted(final KafkaConsumer<byte[], byte[]> consumer,
                                            final List<TopicPartition> partitions) {
        final Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        final Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        for (final TopicPartition partition : partitions) {
            final OffsetAndMetadata done = committed.get(partition);
            consumer.seek(partition, done == null ? beginning.get(partition) : Math.max(done.offset(), beginning.get(partition)));
        }
    }

    /**
     * The letter as it was before it failed. Into its own source topic it goes to its own source
     * partition: re-hashing the key with the Java partitioner would move a ticket whose producer
     * used another partitioner (librdkafka's CRC32, sarama's FNV-1a) to a task that has no state
     * for it, bypassing the stale check.
     */
    private static ProducerRecord<byte[], byte[]> replayOf(final DeadLetter letter, final String target) {
        final RecordHeaders headers = new RecordHeaders();
        for (final Header header : letter.headers()) {
            if (!DeadLetterHeaders.ALL.contains(header.key()) && !DeadLetter.REPLAY_COUNT_HEADER.equals(header.key())) {
                headers.add(header);
            }
        }
        headers.add(DeadLetter.REPLAY_COUNT_HEADER,
                String.valueOf(letter.replayCount() + 1).getBytes(StandardCharsets.UTF_8));
        final Integer partition = target.equals(letter.sourceTopic()) && letter.sourcePartition() >= 0
                ? letter.sourcePartition() : null;
        return new ProducerRecord<>(target, partition, letter.timestamp().toEpochMilli(), letter.key(), letter.value(), headers);
    }

    private KafkaProducer<byte[], byte[]> producer(final String transactionalId) {
        final Map<String, Object> props = config.kafka().plainProducerSettings();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String shortHash(final String text) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
