package io.ticketsync.bench.app;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Properties;

/**
 * The fair ceiling for a stateful Kafka Streams application: per record, get the key's value from
 * a persistent, cached key-value store of bytes (as ticket-sync's store is), put the new bytes and
 * forward them. No decoding, no rules, no encoding: what is left of ticket-sync without its own work.
 */
final class KeyValueCeilingApp {

    private static final String STORE = "ceiling-store";

    private KeyValueCeilingApp() {
    }

    static void run(final TicketSyncConfig config) {
        final Topology topology = new Topology()
                .addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.topics().input())
                .addProcessor("get-put-forward", GetPutForward::new, "source")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                        Serdes.ByteArray(), Serdes.ByteArray()).withCachingEnabled(), "get-put-forward")
                .addSink("sink", config.topics().output(), new ByteArraySerializer(), new ByteArraySerializer(),
                        "get-put-forward");
        final Properties props = new Properties();
        // Plain Kafka Streams: none of ticket-sync's handlers or extractor.
        props.putAll(config.raw());
        final KafkaStreams streams = new KafkaStreams(topology, props);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(20))));
        streams.start();
    }

    private static final class GetPutForward implements Processor<byte[], byte[], byte[], byte[]> {

        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<byte[], byte[]> store;
        private long previousBytes;

        @Override
        public void init(final ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<byte[], byte[]> record) {
            final byte[] previous = store.get(record.key());
            // Use what was read, so the read cannot be optimised away.
            previousBytes += previous == null ? 0 : previous.length;
            store.put(record.key(), record.value());
            context.forward(record);
        }
    }
}
