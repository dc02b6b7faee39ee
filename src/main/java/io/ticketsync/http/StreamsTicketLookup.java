package io.ticketsync.http;

import io.ticketsync.model.TicketState;
import io.ticketsync.topology.TicketStateReader;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;


/**
 * Finds a ticket's current snapshot through interactive queries: from the local store when this
 * instance owns the key, otherwise by naming the instance that does, as Kafka Streams' metadata
 * (the members' {@code application.server} endpoints) says.
 */
public final class StreamsTicketLookup implements TicketLookup {

    private final KafkaStreams streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or null when not set (single instance) */
    public StreamsTicketLookup(final KafkaStreams streams, final HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Owner ownerOf(final String ticketId) {
        if (self == null) {
            // Without application.server Kafka Streams shares no host metadata: a single instance
            // answers from its own stores.
            return new Local();
        }
        final KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(TicketSyncTopology.STORE, ticketId, Serdes.String().serializer());
        } catch (final IllegalStateException e) {
            return new Unavailable("Kafka Streams is not running: " + e.getMessage());
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new Unavailable("no instance owns the key yet (rebalancing or starting)");
        }
        // Only an endpoint Kafka Streams reports for a current member is ever returned: nothing a
        // caller sends can choose where a query is forwarded.
        final HostInfo active = metadata.activeHost();
        if (active.equals(self)) {
            return new Local();
        }
        return new Remote(active);
    }

    @Override
    public TicketState localState(final String ticketId) {
        final ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                TicketSyncTopology.STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        return TicketStateReader.read(store, ticketId);
    }
}
