package io.ticketsync.bench;

import io.ticketsync.bench.app.StampingInterceptor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads topics with read_committed, as a downstream consumer would, and notes when each record
 * arrived, its timestamp, and which instance and thread sent it (headers from StampingInterceptor).
 */
final class OutputWatcher implements AutoCloseable {

    /** One committed record as seen downstream. */
    record Arrival(String topic, int partition, long timestamp, long arrivedAt, String instance, String thread) {

        /** Milliseconds from the record's timestamp to its arrival here. */
        long latency() {
            return arrivedAt - timestamp;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    OutputWatcher(final String bootstrapServers, final String topic, final int partitions) {
        this(bootstrapServers, List.of(topic), partitions);
    }

    /** Watches every partition of each topic from the start (each has {@code partitions}). */
    OutputWatcher(final String bootstrapServers, final List<String> topics, final int partitions) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> assigned = new ArrayList<>();
        for (final String topic : topics) {
            for (int partition = 0; partition < partitions; partition++) {
                assigned.add(new TopicPartition(topic, partition));
            }
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        this.thread = new Thread(this::watch, "bench-output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    final Arrival arrival = new Arrival(record.topic(), record.partition(), record.timestamp(),
                            System.currentTimeMillis(),
                            header(record, StampingInterceptor.INSTANCE_HEADER), header(record, StampingInterceptor.THREAD_HEADER));
                    synchronized (arrivals) {
                        arrivals.add(arrival);
                        arrivals.notifyAll();
                    }
                }
            }
        } catch (final WakeupException stopping) {
            // closed
        }
    }

    /** Waits for the first arrival matching {@code wanted}; empty on timeout. */
    Optional<Arrival> awaitFirst(final Predicate<Arrival> wanted, final Duration timeout) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (arrivals) {
            int checked = 0;
            while (true) {
                for (; checked < arrivals.size(); checked++) {
                    if (wanted.test(arrivals.get(checked))) {
                        return Optional.of(arrivals.get(checked));
                    }
                }
                final long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return Optional.empty();
                }
                arrivals.wait(left);
            }
        }
    }

    /** Every arrival so far that matches {@code wanted}. */
    List<Arrival> arrivals(final Predicate<Arrival> wanted) {
        synchronized (arrivals) {
            return arrivals.stream().filter(wanted).toList();
        }
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
        consumer.close();
    }
}
