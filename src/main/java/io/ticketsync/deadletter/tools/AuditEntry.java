package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import io.ticketsync.codec.Utf8;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@link AuditEvent} as read back from the audit topic: the fields every event has (source,
 * e-mail and roles null when not recorded), the rest as recorded, and the JSON itself for
 * {@code audit --json}.
 */
public record AuditEntry(Instant at, String actor, String source, String email, String roles, String action,
                         String outcome, JsonNode event, String json) {

    /** The fields a line shows in its own columns; every other field follows as {@code name=value}. */
    private static final Set<String> COLUMNS = Set.of("at", "actor", "actorSource", "email", "roles", "action", "outcome");

    /** The event in a record's value; empty when it is not one (not UTF-8 JSON, or without its time, actor, action or outcome). */
    public static Optional<AuditEntry> parse(final byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        final Optional<String> json = Utf8.decode(value);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            final JsonNode event = Json.MAPPER.readTree(json.get());
            if (event == null || !event.isObject() || text(event, "at").isEmpty() || text(event, "actor").isEmpty()
                    || text(event, "action").isEmpty() || text(event, "outcome").isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AuditEntry(Instant.parse(text(event, "at").get()), text(event, "actor").get(),
                    text(event, "actorSource").orElse(null), text(event, "email").orElse(null), text(event, "roles").orElse(null),
                    text(event, "action").get(), text(event, "outcome").get(), event, json.get()));
        } catch (final JsonProcessingException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Time, actor, how the actor is known, e-mail, roles, action, outcome, then the rest as {@code name=value}. */
    public String toLine() {
        final List<String> parts = new ArrayList<>(List.of(at.toString(), actor, orDash(source), orDash(email), orDash(roles),
                action, outcome));
        final Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (!COLUMNS.contains(field.getKey())) {
                parts.add(field.getKey() + "=" + value(field.getValue()));
            }
        }
        return String.join("  ", parts);
    }

    /** Plain text when it cannot be misread; quoted as JSON when it holds spaces, quotes or control characters. */
    private static String value(final JsonNode node) {
        if (!node.isTextual()) {
            return node.toString();
        }
        final String text = node.asText();
        return text.isEmpty() || text.chars().anyMatch(c -> c <= ' ' || c == '"') ? node.toString() : text;
    }

    private static String orDash(final String text) {
        return text == null ? "-" : text;
    }

    private static Optional<String> text(final JsonNode event, final String name) {
        final JsonNode node = event.get(name);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
