package io.ticketsync.dlq;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.errors.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
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
        long scanned = 0;
        long matched = 0;
        long sent = 0;
        long exhausted = 0;
        final List<String> examples = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group);
             KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer(group)) {
            final Map<TopicPartition, Long> end = assignFromCommitted(consumer);
            final long total = end.entrySet().stream().mapToLong(e -> e.getValue() - consumer.position(e.getKey())).sum();
            if (producer != null) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            int inTransaction = 0;
            while (end.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    scanned++;
                    final DeadLetter letter = DeadLetter.of(record);
                    if (!filter.matches(letter)) {
                        continue;
                    }
                    matched++;
                    if (letter.replayCount() >= maxReplays) {
                        exhausted++;
                        continue;
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
                if (producer != null && inTransaction >= batchSize) {
                    commit(producer, consumer, end.keySet());
                    producer.beginTransaction();
                    inTransaction = 0;
                }
                progress.report(scanned, total);
            }
            if (producer != null) {
                commit(producer, consumer, end.keySet());
            }
        }
        return new ReplayReport(filter.describe(), target, group, dryRun, scanned, matched, sent, exhausted, examples);
    }

    private static void commit(final KafkaProducer<byte[], byte[]> producer, final KafkaConsumer<byte[], byte[]> consumer,
                               final Set<TopicPartition> partitions) {
        final Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        partitions.forEach(tp -> positions.put(tp, new OffsetAndMetadata(consumer.position(tp))));
        producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
        producer.commitTransaction();
    }

    /** Assigns every partition, positioned at the selection's committed progress; returns the end offsets. */
    private Map<TopicPartition, Long> assignFromCommitted(final KafkaConsumer<byte[], byte[]> consumer) {
        final String topic = config.topics().deadLetter();
        final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        final Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        final Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        for (final TopicPartition partition : partitions) {
            final OffsetAndMetadata done = committed.get(partition);
            consumer.seek(partition, done == null ? beginning.get(partition) : Math.max(done.offset(), beginning.get(partition)));
        }
        return consumer.endOffsets(partitions);
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

    private KafkaConsumer<byte[], byte[]> consumer(final String group) {
        final Map<String, Object> props = ClientConfigs.consumer(config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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
