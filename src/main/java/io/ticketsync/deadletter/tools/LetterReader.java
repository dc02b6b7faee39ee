package io.ticketsync.deadletter.tools;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads named letters by seeking to each, instead of scanning the topic: what a mark or replay of
 * listed letters costs is the letters, not the topic.
 */
final class LetterReader {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LetterReader() {
    }

    /**
     * Hands each of {@code ids} that is in {@code topic} to {@code letters}, in offset order per partition.
     *
     * @return the ids that are not there (removed by retention, a transaction marker, beyond the end)
     */
    static List<LetterId> read(final KafkaConsumer<byte[], byte[]> consumer, final String topic, final Collection<LetterId> ids,
                               final Consumer<DeadLetter> letters) {
        final Map<Integer, TreeSet<Long>> byPartition = new TreeMap<>();
        ids.forEach(id -> byPartition.computeIfAbsent(id.partition(), p -> new TreeSet<>()).add(id.offset()));
        final List<LetterId> missing = new ArrayList<>();
        for (final Map.Entry<Integer, TreeSet<Long>> entry : byPartition.entrySet()) {
            final TopicPartition partition = new TopicPartition(topic, entry.getKey());
            consumer.assign(List.of(partition));
            // Never ask the position before a seek: it would reset to the consumer's auto.offset.reset.
            consumer.seek(partition, entry.getValue().first());
            final long end = consumer.endOffsets(List.of(partition)).getOrDefault(partition, 0L);
            final TreeSet<Long> wanted = entry.getValue();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!wanted.isEmpty()) {
                final long next = wanted.first();
                if (next >= end) {
                    wanted.forEach(offset -> missing.add(new LetterId(entry.getKey(), offset)));
                    break;
                }
                if (consumer.position(partition) > next) {
                    // Passed without a record: retention removed it, or it is a transaction marker.
                    missing.add(new LetterId(entry.getKey(), wanted.pollFirst()));
                    continue;
                }
                if (consumer.position(partition) < next) {
                    consumer.seek(partition, next);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + "-" + entry.getKey() + "@" + next
                            + " within " + PATIENCE.toSeconds() + " s");
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (wanted.remove(record.offset())) {
                        letters.accept(DeadLetter.of(record));
                        deadline = System.nanoTime() + PATIENCE.toNanos();
                    }
                }
            }
        }
        return missing;
    }
}
