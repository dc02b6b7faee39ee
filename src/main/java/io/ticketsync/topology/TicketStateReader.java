package io.ticketsync.topology;

import io.ticketsync.failure.UnreadableStoreValueException;
import io.ticketsync.model.TicketState;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a ticket's state from the {@value TicketSyncTopology#STORE} store, for the processor and
 * for interactive queries alike. A value that cannot be decoded is reported as an
 * {@link UnreadableStoreValueException} naming the store and key: Kafka's SerializationException
 * would be taken for a passing infrastructure failure, and each replaced thread would meet the
 * same value again.
 */
public final class TicketStateReader {

    private TicketStateReader() {
    }

    /** The stored state, or null for a ticket never seen. */
    public static TicketState read(final ReadOnlyKeyValueStore<String, TicketState> store, final String key) {
        try {
            return store.get(key);
        } catch (final SerializationException e) {
            throw new UnreadableStoreValueException(TicketSyncTopology.STORE, key, e);
        }
    }
}
