package io.ticketsync.bench.app;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stamps every record an instance sends with the instance name and the sending thread, so the
 * recovery benchmarks can tell whose committed output they see: output from a replacement thread,
 * or from the survivor of a killed instance. Installed through {@code producer.interceptor.classes}.
 */
public final class StampingInterceptor implements ProducerInterceptor<Object, Object> {

    public static final String INSTANCE_PROPERTY = "bench.instance";
    public static final String INSTANCE_HEADER = "bench.instance";
    public static final String THREAD_HEADER = "bench.thread";

    private final byte[] instance = System.getProperty(INSTANCE_PROPERTY, "").getBytes(StandardCharsets.UTF_8);

    @Override
    public ProducerRecord<Object, Object> onSend(final ProducerRecord<Object, Object> record) {
        final RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(INSTANCE_HEADER, instance);
        headers.add(THREAD_HEADER, Thread.currentThread().getName().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), record.value(),
                headers);
    }

    @Override
    public void onAcknowledgement(final RecordMetadata metadata, final Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(final Map<String, ?> configs) {
    }
}
