package io.ticketsync.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What the store remembers per ticket: the last applied version and the snapshot, or a null
 * snapshot after a DELETE so that a late, older change cannot bring the ticket back.
 */
public record TicketState(long version, SyncedTicket snapshot) {

    public static TicketState deleted(final long version) {
        return new TicketState(version, null);
    }

    @JsonIgnore
    public boolean isDeleted() {
        return snapshot == null;
    }
}
