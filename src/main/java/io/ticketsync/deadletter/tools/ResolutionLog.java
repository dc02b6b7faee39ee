package io.ticketsync.deadletter.tools;

import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The resolutions topic: one record per decision about a dead letter, keyed by its
 * {@code partition@offset}, the value a {@link Resolution} as JSON. The topic is compacted, so the
 * latest decision per letter is what survives; a letter without one is open.
 */
public final class ResolutionLog {

    private static final Logger LOG = LoggerFactory.getLogger(ResolutionLog.class);

    private final TicketSyncConfig config;

    public ResolutionLog(final TicketSyncConfig config) {
        this.config = config;
    }

    /** The latest decision per letter, read from the start of the topic to its end as of now. */
    public Map<LetterId, Resolution> readAll() {
        final Map<LetterId, Resolution> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            consumer.seekToBeginning(DeadLetterScan.assignAll(consumer, config.topics().resolutions()));
            DeadLetterScan.recordsToEnd(consumer, record -> decode(record).ifPresent(resolution ->
                    latest.put(resolution.letter(), resolution)));
        }
        return latest;
    }

    /** Records the decisions durably (acknowledged by all in-sync replicas) before it returns. */
    public void write(final List<Resolution> resolutions) {
        final Map<String, Object> props = config.kafka().plainProducerSettings();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            final List<Future<RecordMetadata>> sent = new ArrayList<>(resolutions.size());
            resolutions.forEach(resolution -> sent.add(producer.send(record(config.topics().resolutions(), resolution))));
            producer.flush();
            for (final Future<RecordMetadata> result : sent) {
                result.get();
            }
        } catch (final ExecutionException e) {
            throw new IllegalStateException("recording resolutions in '" + config.topics().resolutions() + "' failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording resolutions", e);
        }
    }

    /** The record of one decision, for {@link #write} or a caller's own transaction. */
    public static ProducerRecord<byte[], byte[]> record(final String topic, final Resolution resolution) {
        try {
            return new ProducerRecord<>(topic, resolution.letter().toString().getBytes(StandardCharsets.UTF_8),
                    Json.MAPPER.writeValueAsBytes(resolution));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot encode " + resolution, e);
        }
    }

    /** The decision a record holds; empty for a tombstone or a value this version cannot read. */
    public static Optional<Resolution> decode(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(record.value(), Resolution.class));
        } catch (final IOException e) {
            // Written by something else: the letter stays open, which is the safe side.
            LOG.warn("Ignoring an unreadable resolution record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Optional.empty();
        }
    }
}
