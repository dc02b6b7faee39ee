package io.ticketsync.control;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control topic (compacted, one partition): where the dead-letter surge brake's group-wide
 * state lives, so every instance, every restart and every operator's command sees one truth.
 */
public final class ControlTopic {

    /** The brake's records all go to the one partition, so their order is the order of events. */
    static final int PARTITION = 0;

    private final TicketSyncConfig config;

    public ControlTopic(final TicketSyncConfig config) {
        this.config = config;
    }

    public String name() {
        return config.topics().control();
    }

    /** Writes {@code event} and waits until the broker has it (acks=all), within {@code timeout}. */
    public void write(final BrakeEvent event, final Duration timeout) throws InterruptedException {
        write(BrakeEvent.keyBytes(), event.toJson(), "the brake's state", timeout);
    }

    /** Writes {@code halt} under the dead-letter topic's halt key and waits until the broker has it. */
    public void write(final ReplayHalt halt, final Duration timeout) throws InterruptedException {
        write(ReplayHalt.keyBytes(config.topics().deadLetter()), halt.toJson(), "a replay halt", timeout);
    }

    private void write(final byte[] key, final byte[] value, final String what, final Duration timeout)
            throws InterruptedException {
        final Map<String, Object> settings = new HashMap<>(config.kafka().plainProducerSettings());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-control-writer");
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Math.max(timeout.toMillis(), 1_000), 30_000));
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(name(), PARTITION, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new ControlTopicException("cannot write " + what + " to " + name() + ": " + e.getCause(), e.getCause());
        } catch (final TimeoutException e) {
            throw new ControlTopicException("could not write " + what + " to " + name() + " within " + timeout, e);
        }
    }

    /**
     * Releases the brake for every instance when it is engaged, read to the end of the topic first
     * so a release acts on the truth.
     *
     * @return the engaged event it released; empty when the brake was not engaged (nothing written)
     */
    public Optional<BrakeEvent> release(final String actor, final String note, final Duration timeout)
            throws InterruptedException {
        final BrakeState state = read(timeout);
        if (!state.engaged()) {
            return Optional.empty();
        }
        write(BrakeEvent.released(actor, note, Instant.now()), timeout);
        return state.latest();
    }

    /** The brake's latest state, read to the end of the topic, and where a watch goes on from. */
    public BrakeState read(final Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("reader")) {
            final TopicPartition partition = partition();
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            final long deadline = System.nanoTime() + timeout.toNanos();
            BrakeEvent latest = null;
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() - deadline > 0) {
                    throw new ControlTopicException("could not read " + name() + " to its end within " + timeout, null);
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest = apply(latest, record);
                }
            }
            return new BrakeState(Optional.ofNullable(latest), consumer.position(partition, timeout));
        } catch (final org.apache.kafka.common.KafkaException e) {
            throw new ControlTopicException("could not read " + name() + " within " + timeout + ": " + e.getMessage(), e);
        }
    }

    /** The brake's state as read: the latest event (none before the first trip) and the next offset. */
    public record BrakeState(Optional<BrakeEvent> latest, long nextOffset) {
        public boolean engaged() {
            return latest.map(BrakeEvent::engaged).orElse(false);
        }
    }

    /** The state after {@code record}: a brake event replaces it; anything else leaves it. */
    static BrakeEvent apply(final BrakeEvent current, final ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || !BrakeEvent.KEY.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            return current;
        }
        return BrakeEvent.fromJson(record.value()).orElse(current);
    }

    KafkaConsumer<byte[], byte[]> consumer(final String role) {
        final Map<String, Object> settings = new HashMap<>(config.kafka().plainConsumerSettings());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-control-" + role);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    TopicPartition partition() {
        return new TopicPartition(name(), PARTITION);
    }
}
