package io.ticketsync.bench.app;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.Properties;

/** The cheapest Kafka Streams application: source to sink, bytes untouched. The S0 baseline. */
final class PassThroughApp {

    private PassThroughApp() {
    }

    static void run(final TicketSyncConfig config) {
        final Topology topology = new Topology()
                .addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.topics().input())
                .addSink("sink", config.topics().output(), new ByteArraySerializer(), new ByteArraySerializer(), "source");
        final Properties props = new Properties();
        // Plain Kafka Streams: none of ticket-sync's handlers or extractor.
        props.putAll(config.raw());
        final KafkaStreams streams = new KafkaStreams(topology, props);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(20))));
        streams.start();
    }
}
