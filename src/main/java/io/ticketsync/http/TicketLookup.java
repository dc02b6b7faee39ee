package io.ticketsync.http;

import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Optional;

/** Where a ticket lives right now, and its snapshot when it lives here. */
public interface TicketLookup {

    /** Where a key lives right now. */
    sealed interface Owner permits Local, Remote, Unavailable {
    }

    /** This instance owns the key. */
    record Local() implements Owner {
    }

    /** Another group member owns the key; {@code host} is the endpoint it advertises. */
    record Remote(HostInfo host) implements Owner {
    }

    /** Nobody can be asked right now (starting, rebalancing, stopped). */
    record Unavailable(String why) implements Owner {
    }

    Owner ownerOf(String ticketId);

    /**
     * The state in the local store: null for a ticket never seen, a deleted ticket's marker (version,
     * no snapshot) after a DELETE.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store cannot be queried
     * @throws io.ticketsync.failure.UnreadableStoreValueException when the stored value cannot be decoded
     */
    TicketState localState(String ticketId);

    /**
     * The snapshot from the local store; empty for an unknown or deleted ticket.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store cannot be queried
     * @throws io.ticketsync.failure.UnreadableStoreValueException when the stored value cannot be decoded
     */
    default Optional<SyncedTicket> localSnapshot(final String ticketId) {
        final TicketState state = localState(ticketId);
        return state == null || state.isDeleted() ? Optional.empty() : Optional.of(state.snapshot());
    }
}
