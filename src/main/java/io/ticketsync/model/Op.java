package io.ticketsync.model;

/** What a {@link TicketChange} does to its ticket. */
public enum Op {
    UPSERT,
    DELETE
}
