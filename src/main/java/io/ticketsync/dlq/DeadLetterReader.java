package io.ticketsync.dlq;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the dead-letter topic from the beginning up to its end as of the start (read_committed),
 * reporting progress, without joining a consumer group.
 */
final class DeadLetterReader {

    private final Map<String, Object> consumerConfig;
    private final String topic;

    DeadLetterReader(final Map<String, Object> consumerConfig, final String topic) {
        this.consumerConfig = consumerConfig;
        this.topic = topic;
    }

    /** @return the number of records read */
    long readAll(final Consumer<DeadLetter> sink, final ScanProgress progress) {
        final Map<String, Object> props = new HashMap<>(consumerConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long total = partitions.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
            long read = 0;
            long reportedAt = System.nanoTime();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        sink.accept(DeadLetter.of(record));
                        read++;
                    }
                }
                if (System.nanoTime() - reportedAt > 1_000_000_000L) {
                    progress.report(read, total);
                    reportedAt = System.nanoTime();
                }
            }
            progress.report(read, total);
            return read;
        }
    }
}
