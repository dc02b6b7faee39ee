package io.ticketsync.model;

import java.time.Instant;
import java.util.Objects;

/** One decoded change from the source system: the input record's value. */
public record TicketChange(String ticketId, long version, Op op, Instant changedAt, TicketPatch fields) {

    public TicketChange {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(fields, "fields");
    }
}
