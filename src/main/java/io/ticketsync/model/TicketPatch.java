package io.ticketsync.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The partial update a change carries. A field listed in {@code present} is set to its value (null
 * clears an optional field); a field not listed keeps the ticket's current value.
 */
public record TicketPatch(
        String title,
        String status,
        String priority,
        String assignee,
        String requester,
        List<String> tags,
        Set<TicketField> present) {

    public static final TicketPatch EMPTY =
            new TicketPatch(null, null, null, null, null, null, EnumSet.noneOf(TicketField.class));

    public TicketPatch {
        tags = tags == null ? null : List.copyOf(tags);
        present = present.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(present));
    }

    public boolean has(final TicketField field) {
        return present.contains(field);
    }
}
