package io.ticketsync.dlq;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.errors.DeadLetterHeaders;
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

    public ReplayReport replay(final DeadLetterFilter filter, final String target, final int maxReplays,
                               final boolean dryRun, final int batchSize, final ScanProgress progress) {
        final String group = consumerGroup(filter, target);
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(ClientConfigs.consumer(config), group);
             KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer(group)) {
            positionAtCommitted(consumer, DeadLetterScan.assignAll(consumer, config.topics().deadLetter()));
            final Run run = new Run(filter, target, maxReplays, batchSize, consumer, producer);
            final long scanned = DeadLetterScan.toEnd(consumer, run::accept, run::commitFullBatch, progress);
            run.commit();
            return new ReplayReport(filter.describe(), target, group, dryRun, scanned, run.matched, run.sent,
                    run.exhausted, run.examples);
        }
    }

    /** One replay: what it selected and sent, and the open transaction (none on a dry run). */
    private static final class Run {
        private final DeadLetterFilter filter;
        private final String target;
        private final int maxReplays;
        private final int batchSize;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final List<String> examples = new ArrayList<>();
        private long matched;
        private long sent;
        private long exhausted;
        private int inTransaction;

        Run(final DeadLetterFilter filter, final String target, final int maxReplays, final int batchSize,
            final KafkaConsumer<byte[], byte[]> consumer, final KafkaProducer<byte[], byte[]> producer) {
            this.filter = filter;
            this.target = target;
            this.maxReplays = maxReplays;
            this.batchSize = batchSize;
            this.consumer = consumer;
            this.producer = producer;
            if (producer != null) {
                producer.initTransactions();
                producer.beginTransaction();
            }
        }

        void accept(final DeadLetter letter) {
            if (!filter.matches(letter)) {
                return;
            }
            matched++;
            if (letter.replayCount() >= maxReplays) {
                exhausted++;
                return;
            }
            if (examples.size() < EXAMPLES) {
                examples.add(letter.partition() + "@" + letter.offset() + " key=" + letter.keyText() + " "
                        + letter.stage() + "/" + letter.reason() + " replay #" + (letter.replayCount() + 1));
            }
            if (producer != null) {
                producer.send(replayOf(letter, target));
                inTransaction++;
            }
            sent++;
        }

        /** Between polls: commits once a batch is full, so a crash loses at most the open batch's progress. */
        void commitFullBatch() {
            if (inTransaction >= batchSize) {
                commit();
                producer.beginTransaction();
            }
        }

        /** Commits the sends together with the progress through the dead-letter topic. */
        void commit() {
            if (producer == null) {
                return;
            }
            final Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            consumer.assignment().forEach(tp -> positions.put(tp, new OffsetAndMetadata(consumer.position(tp))));
            producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
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

    private static ProducerRecord<byte[], byte[]> replayOf(final DeadLetter letter, final String target) {
        final RecordHeaders headers = new RecordHeaders();
        for (final Header header : letter.headers()) {
            if (!DeadLetterHeaders.ALL.contains(header.key()) && !DeadLetter.REPLAY_COUNT_HEADER.equals(header.key())) {
                headers.add(header);
            }
        }
        headers.add(DeadLetter.REPLAY_COUNT_HEADER,
                String.valueOf(letter.replayCount() + 1).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(target, null, letter.timestamp().toEpochMilli(), letter.key(), letter.value(), headers);
    }

    private KafkaProducer<byte[], byte[]> producer(final String transactionalId) {
        final Map<String, Object> props = ClientConfigs.producer(config);
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
