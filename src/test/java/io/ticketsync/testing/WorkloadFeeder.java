package io.ticketsync.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Produces a workload in order, a chunk at a time, on a background thread, so that faults land
 * mid-stream; remembers where each record landed.
 */
public final class WorkloadFeeder {

    private final AtomicInteger sent = new AtomicInteger();
    private final CompletableFuture<List<RecordMetadata>> done = new CompletableFuture<>();
    private final int total;

    private WorkloadFeeder(final int total) {
        this.total = total;
    }

    public static WorkloadFeeder start(final String bootstrapServers, final String topic,
                                       final List<ProducerRecord<byte[], byte[]>> records, final int chunk,
                                       final Duration pause) {
        final WorkloadFeeder feeder = new WorkloadFeeder(records.size());
        final Thread thread = new Thread(() -> feeder.feed(bootstrapServers, topic, records, chunk, pause), "workload-feeder");
        thread.setDaemon(true);
        thread.start();
        return feeder;
    }

    /** Blocks until at least {@code fraction} of the workload has been acknowledged. */
    public void awaitFraction(final double fraction) throws InterruptedException {
        Await.until("feeder past " + fraction + " of " + total + " records", sent::get,
                count -> count >= fraction * total || done.isDone(), Duration.ofMinutes(5), Duration.ofMillis(50));
    }

    /** Whether the whole workload has been acknowledged (or the feed failed). */
    public boolean isDone() {
        return done.isDone();
    }

    /** Where each record landed, in workload order, once all are acknowledged. */
    public List<RecordMetadata> awaitAll(final Duration timeout) throws Exception {
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void feed(final String bootstrapServers, final String topic, final List<ProducerRecord<byte[], byte[]>> records,
                      final int chunk, final Duration pause) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(TestProducers.inOrder(bootstrapServers),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            final List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
            for (int start = 0; start < records.size(); start += chunk) {
                for (final ProducerRecord<byte[], byte[]> record : records.subList(start, Math.min(records.size(), start + chunk))) {
                    futures.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
                }
                producer.flush();
                sent.set(futures.size());
                Thread.sleep(pause.toMillis());
            }
            final List<RecordMetadata> metadata = new ArrayList<>(futures.size());
            for (final Future<RecordMetadata> future : futures) {
                metadata.add(future.get());
            }
            done.complete(metadata);
        } catch (final Exception e) {
            done.completeExceptionally(e);
        }
    }
}
