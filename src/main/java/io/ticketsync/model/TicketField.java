package io.ticketsync.model;

import java.util.Locale;

/** The ticket fields a change may carry; the JSON name is the lower-camel-case form. */
public enum TicketField {
    TITLE,
    STATUS,
    PRIORITY,
    ASSIGNEE,
    REQUESTER,
    TAGS;

    private final String jsonName = name().toLowerCase(Locale.ROOT);

    /** The field's name in {@code TicketChange.fields}. */
    public String jsonName() {
        return jsonName;
    }
}
