package io.ticketsync.topology;

import io.ticketsync.codec.TicketChangeDeserializer;
import io.ticketsync.codec.TicketKeyDeserializer;
import io.ticketsync.codec.TicketStateCodec;
import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the ticket-sync topology: a pure function of the configuration (no I/O, no clock, no
 * static state). Every node and the store are named, so {@code describe()} is stable and
 * {@code topology.md} can be checked against it.
 */
public final class TicketSyncTopology {

    public static final String SOURCE = "ticket-changes-source";
    public static final String PROCESSOR = "ticket-sync-processor";
    public static final String STORE = "ticket-snapshots";
    public static final String SINK = "synced-tickets-sink";

    private TicketSyncTopology() {
    }

    public static Topology build(final TicketSyncConfig config) {
        return build(config, rules(config));
    }

    /** The rules and mappings the processor applies; {@link ChangePreview} asks the same ones. */
    static TicketRules rules(final TicketSyncConfig config) {
        return new TicketApplier(config.statusMapping(), config.priorityMapping());
    }

    /** The same topology around other rules: lets tests make business logic throw. */
    static Topology build(final TicketSyncConfig config, final TicketRules rules) {
        return build(config, rules, new ByteArraySerializer());
    }

    /**
     * The same topology around other rules and another output value serializer: lets tests make
     * the production stage fail as a serializer bug would (the real one never throws: the
     * processor forwards bytes it has already encoded).
     */
    static Topology build(final TicketSyncConfig config, final TicketRules rules, final Serializer<byte[]> outputValues) {
        final TicketStateCodec states = new TicketStateCodec(STORE);
        // Topology-level settings come from the same configuration the client runs with.
        final Topology topology = new Topology(config.kafka().topologyConfig());
        // The replay topic is read beside the input by the same source: both have as many partitions,
        // so Kafka Streams gives partition i of each to task i, the one holding those tickets' state.
        topology.addSource(SOURCE, new TicketKeyDeserializer(), new TicketChangeDeserializer(), config.topics().input(),
                config.topics().replay());
        topology.addProcessor(PROCESSOR, () -> new TicketSyncProcessor(rules, states, STORE), SOURCE);
        // Cached: a ticket changed several times between commits costs one RocksDB write and one
        // changelog record, not one per change (the benchmark's largest single gain, BENCHMARKS.md).
        // Values are TicketStateCodec's bytes: the processor builds them around the output bytes.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled(), PROCESSOR);
        // The processor forwards the snapshot already encoded: it had to encode it to measure it.
        topology.addSink(SINK, config.topics().output(), new StringSerializer(), outputValues, PROCESSOR);
        return topology;
    }
}
