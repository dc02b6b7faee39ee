package io.ticketsync.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Builds TicketChange JSON for tests, so no test copies JSON strings around. Starts as a valid
 * first UPSERT; each method changes one thing, including making the change invalid.
 */
public final class TicketChangeBuilder {

    public static final Instant BASE_TIME = Instant.parse("2026-11-22T10:00:00Z");

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final ObjectNode fields = JsonNodeFactory.instance.objectNode();

    private TicketChangeBuilder(final String ticketId, final long version) {
        root.put("ticketId", ticketId);
        root.put("version", version);
        root.put("op", "UPSERT");
        root.put("changedAt", BASE_TIME.plusSeconds(version).toString());
        root.set("fields", fields);
    }

    /** A valid first UPSERT: title, status {@code open}, priority {@code high}. */
    public static TicketChangeBuilder upsert(final String ticketId, final long version) {
        return new TicketChangeBuilder(ticketId, version).title("Printer on fire").status("open").priority("high");
    }

    /** An UPSERT carrying no fields at all; add only what the test needs. */
    public static TicketChangeBuilder patch(final String ticketId, final long version) {
        return new TicketChangeBuilder(ticketId, version);
    }

    public static TicketChangeBuilder delete(final String ticketId, final long version) {
        final TicketChangeBuilder builder = new TicketChangeBuilder(ticketId, version);
        builder.root.put("op", "DELETE");
        builder.root.remove("fields");
        return builder;
    }

    public TicketChangeBuilder title(final String title) {
        fields.put("title", title);
        return this;
    }

    public TicketChangeBuilder status(final String status) {
        fields.put("status", status);
        return this;
    }

    public TicketChangeBuilder priority(final String priority) {
        fields.put("priority", priority);
        return this;
    }

    public TicketChangeBuilder assignee(final String assignee) {
        fields.put("assignee", assignee);
        return this;
    }

    public TicketChangeBuilder requester(final String requester) {
        fields.put("requester", requester);
        return this;
    }

    public TicketChangeBuilder tags(final String... tags) {
        final var array = fields.putArray("tags");
        List.of(tags).forEach(array::add);
        return this;
    }

    public TicketChangeBuilder changedAt(final Instant changedAt) {
        root.put("changedAt", changedAt.toString());
        return this;
    }

    /** Removes a top-level property, e.g. {@code "version"}. */
    public TicketChangeBuilder without(final String property) {
        root.remove(property);
        return this;
    }

    /** Removes a property of {@code fields}, e.g. {@code "title"}. */
    public TicketChangeBuilder withoutField(final String field) {
        fields.remove(field);
        return this;
    }

    /** Sets a top-level property to a raw JSON value of any type. */
    public TicketChangeBuilder set(final String property, final Object value) {
        root.putPOJO(property, value);
        return this;
    }

    public TicketChangeBuilder setField(final String field, final Object value) {
        fields.putPOJO(field, value);
        return this;
    }

    /** The ticketId this change carries: the key a well-behaved producer would use. */
    public String ticketId() {
        return root.path("ticketId").asText();
    }

    public String json() {
        return root.toString();
    }

    public byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }
}
