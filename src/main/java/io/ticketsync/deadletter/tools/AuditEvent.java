package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketsync.codec.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audited event as one JSON object on one line: what was done ({@code action}), by whom
 * ({@code actor}), with which result ({@code outcome}: started, done, failed, refused, ...), and any
 * other fields. Every value is JSON-escaped, so a note or filter holding a newline cannot forge a line.
 */
public final class AuditEvent {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private AuditEvent(final String action, final String actor, final String outcome) {
        fields.put("at", Instant.now().toString());
        fields.put("action", action);
        fields.put("actor", actor);
        fields.put("outcome", outcome);
    }

    /** An event naming who acted: their id, how it is known, and their e-mail and roles when they have them. */
    public static AuditEvent of(final String action, final Actor actor, final String outcome) {
        final AuditEvent event = new AuditEvent(action, actor.id(), outcome).with("actorSource", actor.source().label());
        actor.email().ifPresent(email -> event.with("email", email));
        if (!actor.roles().isEmpty()) {
            event.with("roles", String.join(",", actor.roles()));
        }
        return event;
    }

    /** Adds a field; null values are left out. */
    public AuditEvent with(final String name, final Object value) {
        if (value != null) {
            fields.put(name, value instanceof Number || value instanceof Boolean ? value : value.toString());
        }
        return this;
    }

    public String action() {
        return (String) fields.get("action");
    }

    /** Who acted: the actor's id, the audit topic's record key. */
    public String actor() {
        return (String) fields.get("actor");
    }

    public String outcome() {
        return (String) fields.get("outcome");
    }

    /** The field's value as recorded, or null. */
    public Object field(final String name) {
        return fields.get(name);
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(fields);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("an audit event of strings and numbers always encodes", e);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }
}
