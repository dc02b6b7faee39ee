package io.ticketsync.topology;

import io.ticketsync.config.ValueMapping;
import io.ticketsync.failure.BadRecordException;
import io.ticketsync.failure.Reason;
import io.ticketsync.model.Op;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketField;
import io.ticketsync.model.TicketPatch;
import io.ticketsync.model.TicketState;

import java.util.Optional;
import java.util.function.Function;

/**
 * The business rules, as a pure function: given the ticket's current state and a decoded change,
 * the next state, or empty when the change is stale. Rules are checked in this order, so a stale
 * change is skipped even if it would also fail mapping:
 * <ol>
 *   <li>the record key must equal {@code ticketId} ({@code key-mismatch})</li>
 *   <li>a version at or below the last applied one is stale: skipped, not dead-lettered</li>
 *   <li>DELETE: the snapshot is dropped, the version remembered</li>
 *   <li>UPSERT: a first UPSERT needs title and status; status and priority must be mapped</li>
 * </ol>
 */
public final class TicketApplier implements TicketRules {

    private final ValueMapping statusMapping;
    private final ValueMapping priorityMapping;

    public TicketApplier(final ValueMapping statusMapping, final ValueMapping priorityMapping) {
        this.statusMapping = statusMapping;
        this.priorityMapping = priorityMapping;
    }

    /**
     * @param key     the record key (the ticket id the record claims)
     * @param current the stored state, null for a ticket never seen
     * @return the state to store and whose snapshot to emit, or empty for a stale change
     * @throws BadRecordException when the change cannot be applied
     */
    @Override
    public Optional<TicketState> apply(final String key, final TicketState current, final TicketChange change) {
        if (!change.ticketId().equals(key)) {
            throw new BadRecordException(Reason.KEY_MISMATCH, "record key does not equal ticketId");
        }
        if (current != null && change.version() <= current.version()) {
            return Optional.empty();
        }
        if (change.op() == Op.DELETE) {
            return Optional.of(TicketState.deleted(change.version()));
        }
        // A change that carries every field needs nothing from the stored snapshot, so it is not
        // decoded (the common case: sources that send full tickets).
        final SyncedTicket base = current == null || change.fields().hasEvery() ? null : current.snapshot();
        return Optional.of(new TicketState(change.version(), merge(base, change)));
    }

    private SyncedTicket merge(final SyncedTicket base, final TicketChange change) {
        final TicketPatch patch = change.fields();
        if (base == null && !(patch.has(TicketField.TITLE) && patch.has(TicketField.STATUS))) {
            throw new BadRecordException(Reason.MISSING_INITIAL_FIELDS,
                    "first UPSERT of a ticket must carry fields.title and fields.status");
        }
        return new SyncedTicket(
                change.ticketId(),
                change.version(),
                patch.has(TicketField.TITLE) ? patch.title() : base.title(),
                patch.has(TicketField.STATUS) ? mapped(statusMapping, patch.status(), Reason.UNMAPPED_STATUS) : base.state(),
                patch.has(TicketField.PRIORITY)
                        ? mappedUnlessCleared(priorityMapping, patch.priority(), Reason.UNMAPPED_PRIORITY)
                        : valueOf(base, SyncedTicket::priority),
                patch.has(TicketField.ASSIGNEE) ? patch.assignee() : valueOf(base, SyncedTicket::assignee),
                patch.has(TicketField.REQUESTER) ? patch.requester() : valueOf(base, SyncedTicket::requester),
                patch.has(TicketField.TAGS) ? patch.tags() : valueOf(base, SyncedTicket::tags),
                change.changedAt());
    }

    private static <T> T valueOf(final SyncedTicket base, final Function<SyncedTicket, T> field) {
        return base == null ? null : field.apply(base);
    }

    private static String mappedUnlessCleared(final ValueMapping mapping, final String source, final Reason reason) {
        return source == null ? null : mapped(mapping, source, reason);
    }

    private static String mapped(final ValueMapping mapping, final String source, final Reason reason) {
        return mapping.map(source).orElseThrow(() -> new BadRecordException(reason,
                mapping.name() + " value '" + abbreviate(source) + "' has no mapping (mapping." + mapping.name() + ".*)"));
    }

    /** Source values come from outside; keep them short in messages and headers. */
    private static String abbreviate(final String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
