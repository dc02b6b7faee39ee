package io.ticketsync.control;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a running replay reads of the control topic: halts of its dead-letter topic's replays
 * written since it opened the watch (it starts at the topic's end, so an old halt never stops a
 * new replay). Asked between batches; never blocks a batch for long.
 */
public final class ReplayHaltWatch implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final byte[] key;
    private ReplayHalt halt;

    private ReplayHaltWatch(final KafkaConsumer<byte[], byte[]> consumer, final byte[] key) {
        this.consumer = consumer;
        this.key = key;
    }

    /**
     * Opens the watch at the control topic's end, as of now.
     *
     * @throws ControlTopicException when the end cannot be read within {@code timeout}
     */
    public static ReplayHaltWatch open(final ControlTopic topic, final String deadLetterTopic, final Duration timeout) {
        final KafkaConsumer<byte[], byte[]> consumer = topic.consumer("replay-halt-watch");
        try {
            final TopicPartition partition = topic.partition();
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            // Resolved now: a halt written after the replay started must not be skipped by a late lookup.
            consumer.position(partition, timeout);
            return new ReplayHaltWatch(consumer, ReplayHalt.keyBytes(deadLetterTopic));
        } catch (final KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new ControlTopicException("could not read the end of " + topic.name() + " within " + timeout + ": "
                    + e.getMessage(), e);
        }
    }

    /** The first halt since the watch opened, if one has arrived; does not wait for one. */
    public Optional<ReplayHalt> poll() {
        if (halt == null) {
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ZERO)) {
                if (halt == null && Arrays.equals(key, record.key())) {
                    halt = ReplayHalt.fromJson(record.value()).orElse(null);
                }
            }
        }
        return Optional.ofNullable(halt);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
