package io.ticketsync.model;

import java.util.Collections;
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

    private static final int FIELD_COUNT = TicketField.values().length;

    public static final TicketPatch EMPTY =
            new TicketPatch(null, null, null, null, null, null, EnumSet.noneOf(TicketField.class));

    public TicketPatch {
        tags = tags == null ? null : List.copyOf(tags);
        present = present.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(present));
    }

    public boolean has(final TicketField field) {
        return present.contains(field);
    }

    /** Whether the patch sets every field, so it needs nothing from the ticket's current snapshot. */
    public boolean hasEvery() {
        return present.size() == FIELD_COUNT;
    }
}
