package io.ticketsync.dev;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes dev mode's sample records and waits for every acknowledgement, so dev never says it
 * produced a record the broker refused.
 */
public final class SampleProducer {

    /** How many records the broker acknowledged, how many it refused, and the first refusal. */
    public record Result(int acknowledged, int failed, Optional<Throwable> firstFailure) {
    }

    private SampleProducer() {
    }

    public static Result produce(final String bootstrapServers, final String topic,
                                 final List<ProducerRecord<byte[], byte[]>> records) throws InterruptedException {
        final List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(record -> sends.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value()))));
            producer.flush();
        }
        int acknowledged = 0;
        Throwable firstFailure = null;
        for (final Future<RecordMetadata> send : sends) {
            try {
                send.get();
                acknowledged++;
            } catch (final ExecutionException e) {
                firstFailure = firstFailure == null ? e.getCause() : firstFailure;
            }
        }
        return new Result(acknowledged, records.size() - acknowledged, Optional.ofNullable(firstFailure));
    }
}
