package io.ticketsync.deadletter.tools;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the dead-letter topic (read_committed) from a consumer's current positions up to the
 * topic's end as of the start of the scan, so a scan ends even while new dead letters arrive.
 * Shared by {@code dlq inspect} and {@code dlq replay}.
 */
public final class DeadLetterScan {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    private DeadLetterScan() {
    }

    /** A consumer that never auto-commits; {@code groupId} null reads without joining a group. */
    public static KafkaConsumer<byte[], byte[]> consumer(final Map<String, Object> clientConfig, final String groupId) {
        final Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition of {@code topic} to the consumer. */
    public static List<TopicPartition> assignAll(final KafkaConsumer<byte[], byte[]> consumer, final String topic) {
        final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    /**
     * Polls from the current positions to the end offsets as of now, handing each record to
     * {@code letters}; {@code afterPoll} runs after every poll. Records past those end offsets may
     * arrive in a poll too; they are not handed on (and must not be counted as handled). Progress
     * is reported at the start, at most once a second, and at the end.
     *
     * @return the number of records read
     */
    static long toEnd(final KafkaConsumer<byte[], byte[]> consumer, final Consumer<DeadLetter> letters,
                      final Runnable afterPoll, final ScanProgress progress) {
        return recordsToEnd(consumer, record -> letters.accept(DeadLetter.of(record)), afterPoll, progress);
    }

    /** {@link #toEnd} for records of any topic, without progress reports. */
    static long recordsToEnd(final KafkaConsumer<byte[], byte[]> consumer, final Consumer<ConsumerRecord<byte[], byte[]>> records) {
        return recordsToEnd(consumer, records, () -> { }, (read, total) -> { });
    }

    private static long recordsToEnd(final KafkaConsumer<byte[], byte[]> consumer,
                                     final Consumer<ConsumerRecord<byte[], byte[]>> records,
                                     final Runnable afterPoll, final ScanProgress progress) {
        return recordsTo(consumer, consumer.endOffsets(consumer.assignment()), records, afterPoll, progress);
    }

    /**
     * {@link #toEnd} up to given end offsets (a plan's), for the partitions named there; a
     * partition the consumer is not assigned is left out.
     */
    static long toOffsets(final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> ends,
                          final Consumer<DeadLetter> letters, final Runnable afterPoll, final ScanProgress progress) {
        return recordsTo(consumer, ends, record -> letters.accept(DeadLetter.of(record)), afterPoll, progress);
    }

    private static long recordsTo(final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> ends,
                                  final Consumer<ConsumerRecord<byte[], byte[]>> records,
                                  final Runnable afterPoll, final ScanProgress progress) {
        final Set<TopicPartition> partitions = new HashSet<>(consumer.assignment());
        partitions.retainAll(ends.keySet());
        final Map<TopicPartition, Long> end = new HashMap<>(ends);
        final long total = partitions.stream().mapToLong(tp -> Math.max(0, end.get(tp) - consumer.position(tp))).sum();
        long read = 0;
        progress.report(read, total);
        long reportedAt = System.nanoTime();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                final Long limit = end.get(new TopicPartition(record.topic(), record.partition()));
                if (limit != null && record.offset() < limit) {
                    records.accept(record);
                    read++;
                }
            }
            afterPoll.run();
            if (System.nanoTime() - reportedAt > PROGRESS_EVERY_NANOS) {
                progress.report(read, total);
                reportedAt = System.nanoTime();
            }
        }
        progress.report(read, total);
        return read;
    }
}
