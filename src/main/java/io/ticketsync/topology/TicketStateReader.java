package io.ticketsync.topology;

import io.ticketsync.codec.TicketStateCodec;
import io.ticketsync.failure.UnreadableStoreValueException;
import io.ticketsync.model.TicketState;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a ticket's state from the {@value TicketSyncTopology#STORE} store, for the processor and
 * for interactive queries alike. A value that cannot be decoded is reported as an
 * {@link UnreadableStoreValueException} naming the store and key: Kafka's SerializationException
 * would be taken for a passing infrastructure failure, and each replaced thread would meet the
 * same value again.
 */
public final class TicketStateReader {

    private static final TicketStateCodec CODEC = new TicketStateCodec(TicketSyncTopology.STORE);

    private TicketStateReader() {
    }

    /**
     * The stored state, or null for a ticket never seen. Its snapshot may be decoded on first use,
     * so an {@link UnreadableStoreValueException} can also come from {@link TicketState#snapshot()}.
     */
    public static TicketState read(final ReadOnlyKeyValueStore<String, byte[]> store, final String key) {
        final byte[] stored = store.get(key);
        return stored == null ? null : CODEC.decode(key, stored);
    }
}
