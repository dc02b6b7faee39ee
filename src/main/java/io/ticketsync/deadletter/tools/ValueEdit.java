package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ticketsync.codec.Json;
import io.ticketsync.codec.JsonDiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A change to a letter's value, made before it is sent again: fields set or removed by dotted path
 * ({@code fields.status}), or a whole new value. {@code ticketId} and {@code version} are read-only:
 * another ticket id would land the change in a task that holds no state for the ticket, a raised
 * version would make the source's next real versions stale. Anything else that cannot be done as
 * asked is an {@link InvalidEditException} naming what.
 */
public final class ValueEdit {

    static final List<String> READ_ONLY = List.of("ticketId", "version");

    /** One step: set {@code path} to {@code value}, or remove it ({@code value} null). */
    private record Step(String path, JsonNode value) {
    }

    /** The edited value (compact JSON) and, field by field, how it differs from the letter's. */
    public record Edited(byte[] value, List<String> diff) {
    }

    private final List<Step> steps;
    private final JsonNode whole;

    private ValueEdit(final List<Step> steps, final JsonNode whole) {
        this.steps = List.copyOf(steps);
        this.whole = whole;
    }

    /**
     * @param sets    {@code path=value}; the value is JSON when it parses as JSON, else a string
     * @param removes paths to remove
     */
    public static ValueEdit of(final List<String> sets, final List<String> removes) {
        final List<Step> steps = new ArrayList<>();
        for (final String set : sets) {
            final int equals = set.indexOf('=');
            if (equals < 1) {
                throw new InvalidEditException("a field to set needs path=value, got '" + set + "'");
            }
            steps.add(new Step(checkedPath(set.substring(0, equals)), parsedOrText(set.substring(equals + 1))));
        }
        removes.forEach(path -> steps.add(new Step(checkedPath(path), null)));
        if (steps.isEmpty()) {
            throw new InvalidEditException("nothing to edit: set or remove a field, or give a whole value");
        }
        return new ValueEdit(steps, null);
    }

    /** A whole new value, which must be a JSON object. */
    public static ValueEdit whole(final String value) {
        final JsonNode node;
        try {
            node = Json.MAPPER.readTree(value);
        } catch (final JsonProcessingException e) {
            throw new InvalidEditException("the new value is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEditException("the new value must be a JSON object (a TicketChange)");
        }
        return new ValueEdit(List.of(), node);
    }

    /** Applies the edit to {@code original} (a letter's value). */
    public Edited apply(final byte[] original) {
        final JsonNode before = parsedObject(original);
        final ObjectNode after;
        if (whole != null) {
            after = (ObjectNode) whole.deepCopy();
            for (final String field : READ_ONLY) {
                if (!java.util.Objects.equals(before.get(field), after.get(field))) {
                    throw new InvalidEditException(field + " is read-only: keep " + before.get(field) + " (an edit may not change "
                            + String.join(" or ", READ_ONLY) + ")");
                }
            }
        } else {
            after = (ObjectNode) before.deepCopy();
            steps.forEach(step -> apply(after, step));
        }
        final List<String> diff = JsonDiff.of(before, after);
        if (diff.isEmpty()) {
            throw new InvalidEditException("the edit changes nothing: nothing to send");
        }
        try {
            return new Edited(Json.MAPPER.writeValueAsBytes(after), diff);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree always encodes", e);
        }
    }

    private static void apply(final ObjectNode root, final Step step) {
        final String[] names = step.path().split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < names.length - 1; i++) {
            final JsonNode child = parent.get(names[i]);
            if (child == null || !child.isObject()) {
                throw new InvalidEditException("cannot " + (step.value() == null ? "remove " : "set ") + step.path() + ": "
                        + String.join(".", java.util.Arrays.copyOf(names, i + 1))
                        + (child == null ? " does not exist" : " is not an object"));
            }
            parent = (ObjectNode) child;
        }
        final String last = names[names.length - 1];
        if (step.value() != null) {
            parent.set(last, step.value());
        } else if (parent.remove(last) == null) {
            throw new InvalidEditException("cannot remove " + step.path() + ": it does not exist");
        }
    }

    private static String checkedPath(final String path) {
        final String trimmed = path.trim();
        if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.endsWith(".") || trimmed.contains("..")) {
            throw new InvalidEditException("'" + path + "' is not a dotted path like fields.status");
        }
        if (READ_ONLY.contains(trimmed.split("\\.")[0])) {
            throw new InvalidEditException(trimmed + " is read-only: an edit may not change " + String.join(" or ", READ_ONLY));
        }
        return trimmed;
    }

    private static JsonNode parsedOrText(final String value) {
        try {
            final JsonNode node = Json.MAPPER.readTree(value);
            return node == null || node.isMissingNode() ? TextNode.valueOf(value) : node;
        } catch (final JsonProcessingException e) {
            return TextNode.valueOf(value);
        }
    }

    private static JsonNode parsedObject(final byte[] original) {
        try {
            final JsonNode node = original == null ? null : Json.MAPPER.readTree(original);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (final IOException e) {
            // Told below: the letter cannot be edited field by field.
        }
        throw new InvalidEditException("the letter's value is not a JSON object: its ticketId and version, which an edit keeps,"
                + " cannot be read");
    }
}
