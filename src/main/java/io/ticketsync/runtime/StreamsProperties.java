package io.ticketsync.runtime;

import io.ticketsync.deadletter.routing.DeserializationDeadLetterHandler;
import io.ticketsync.deadletter.routing.ProcessingDeadLetterHandler;
import io.ticketsync.deadletter.routing.ProductionDeadLetterHandler;
import io.ticketsync.topology.FallbackTimestampExtractor;
import io.ticketsync.topology.AppServices;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The properties handed to {@code KafkaStreams}: the configuration's Kafka properties, plus the
 * handlers and timestamp extractor that make up ticket-sync's error contract, and the
 * {@link AppServices} they and the processor share. Which handler catches a bad
 * record at which stage is decided here.
 */
public final class StreamsProperties {

    private StreamsProperties() {
    }

    /** Built once per client; unmodifiable. */
    public static Map<String, Object> of(final AppServices services) {
        final Map<String, Object> props = new HashMap<>(services.config().kafka().properties());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeserializationDeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingDeadLetterHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionDeadLetterHandler.class);
        // A record with a negative timestamp must not kill the thread (Kafka's extractors throw or drop it).
        props.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, FallbackTimestampExtractor.class);
        props.put(AppServices.KEY, services);
        return Collections.unmodifiableMap(props);
    }
}
