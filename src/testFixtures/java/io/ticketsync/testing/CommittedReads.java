package io.ticketsync.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a whole topic as a read_committed consumer sees it now. */
public final class CommittedReads {

    private CommittedReads() {
    }

    /** Every committed record of {@code topic}, up to the last stable offset of each partition. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(final String bootstrapServers, final String topic)
            throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Await.until("reading " + topic + " to " + end, () -> {
                final boolean atEnd = partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
                if (!atEnd) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
                return atEnd;
            }, Boolean::booleanValue, Duration.ofSeconds(60), Duration.ZERO);
            return records;
        }
    }
}
