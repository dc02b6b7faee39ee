package io.ticketsync.http;

import io.ticketsync.model.SyncedTicket;
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

import java.util.Optional;

/**
 * Finds a ticket's current snapshot through interactive queries: from the local store when this
 * instance owns the key, otherwise by naming the instance that does.
 */
final class TicketLookup {

    /** Where a key lives right now. */
    sealed interface Owner permits Local, Remote, Unavailable {
    }

    record Local() implements Owner {
    }

    record Remote(HostInfo host) implements Owner {
    }

    record Unavailable(String why) implements Owner {
    }

    private final KafkaStreams streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or null when not set (single instance) */
    TicketLookup(final KafkaStreams streams, final HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    Owner ownerOf(final String ticketId) {
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
        final HostInfo active = metadata.activeHost();
        if (active.equals(self)) {
            return new Local();
        }
        return new Remote(active);
    }

    /**
     * The snapshot from the local store; empty for an unknown or deleted ticket.
     *
     * @throws io.ticketsync.errors.UnreadableStoreValueException when the stored value cannot be decoded
     */
    Optional<SyncedTicket> localSnapshot(final String ticketId) {
        final ReadOnlyKeyValueStore<String, TicketState> store = streams.store(StoreQueryParameters.fromNameAndType(
                TicketSyncTopology.STORE, QueryableStoreTypes.<String, TicketState>keyValueStore()));
        final TicketState state = TicketStateReader.read(store, ticketId);
        return state == null || state.isDeleted() ? Optional.empty() : Optional.of(state.snapshot());
    }
}
