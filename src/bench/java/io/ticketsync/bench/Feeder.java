package io.ticketsync.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps new ticket changes flowing into a topic at a steady rate, so recovery shows up as output resuming. */
final class Feeder implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final TicketCorpus corpus = new TicketCorpus(2_000, 0, 7);
    private final Thread thread;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    Feeder(final String bootstrapServers, final String topic, final int recordsPerSecond) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.thread = new Thread(() -> feed(recordsPerSecond), "bench-feeder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends one record now (for example the record that triggers a fault). */
    synchronized void send(final TicketCorpus.Change change) throws Exception {
        producer.send(new ProducerRecord<>(topic, change.key(), change.value())).get();
    }

    private void feed(final int recordsPerSecond) {
        final long periodNanos = 1_000_000_000L / recordsPerSecond;
        long next = System.nanoTime();
        try {
            while (running) {
                final TicketCorpus.Change change;
                synchronized (this) {
                    change = corpus.next();
                    producer.send(new ProducerRecord<>(topic, change.key(), change.value()), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                next += periodNanos;
                final long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5_000);
        producer.close();
        if (failure.get() != null) {
            throw new IllegalStateException("feeding the input failed", failure.get());
        }
    }
}
