package io.ticketsync.topology;

import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;

import java.util.Optional;

/** The business rules the processor applies; {@link TicketApplier} is the production implementation. */
@FunctionalInterface
interface TicketRules {

    /** The next state for the ticket, or empty when the change is stale. */
    Optional<TicketState> apply(String key, TicketState current, TicketChange change);
}
