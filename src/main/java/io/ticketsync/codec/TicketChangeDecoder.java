package io.ticketsync.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.failure.BadRecordException;
import io.ticketsync.failure.Reason;
import io.ticketsync.model.Op;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketField;
import io.ticketsync.model.TicketPatch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns input bytes into a {@link TicketChange} or a {@link BadRecordException} naming exactly
 * what is wrong. Error messages name fields and problems, never the record's content.
 */
public final class TicketChangeDecoder {

    public static final int MAX_TICKET_ID_LENGTH = 64;

    public TicketChange decode(final byte[] data) {
        if (data == null) {
            throw new BadRecordException(Reason.NULL_VALUE, "record value is null");
        }
        if (data.length == 0) {
            throw new BadRecordException(Reason.EMPTY_VALUE, "record value is empty");
        }
        final String text = Utf8.decode(data).orElseThrow(() ->
                new BadRecordException(Reason.INVALID_UTF8, "record value is not valid UTF-8"));
        final JsonNode root = parse(text);
        if (!root.isObject()) {
            throw new BadRecordException(Reason.NOT_AN_OBJECT, "record value is JSON but not an object");
        }
        return new TicketChange(ticketId(root), version(root), op(root), changedAt(root), patch(root.get("fields")));
    }

    private static JsonNode parse(final String text) {
        try {
            final JsonNode root = Json.MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new BadRecordException(Reason.INVALID_JSON, "record value holds no JSON document");
            }
            return root;
        } catch (final StreamConstraintsException e) {
            throw new BadRecordException(Reason.JSON_LIMIT_EXCEEDED, "JSON exceeds a size limit: " + e.getOriginalMessage(), e);
        } catch (final JsonProcessingException e) {
            throw new BadRecordException(Reason.INVALID_JSON, "record value is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String ticketId(final JsonNode root) {
        final String id = requiredText(root, "ticketId");
        if (id.isEmpty() || id.length() > MAX_TICKET_ID_LENGTH) {
            throw new BadRecordException(Reason.INVALID_TICKET_ID,
                    "ticketId must be 1-" + MAX_TICKET_ID_LENGTH + " characters, got " + id.length());
        }
        return id;
    }

    private static long version(final JsonNode root) {
        final JsonNode node = required(root, "version");
        if (!node.isNumber()) {
            throw new BadRecordException(Reason.WRONG_TYPE, "version must be a number, got " + node.getNodeType());
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadRecordException(Reason.INVALID_VERSION, "version must be an integer between 1 and " + Long.MAX_VALUE);
        }
        final long version = node.longValue();
        if (version < 1) {
            throw new BadRecordException(Reason.INVALID_VERSION, "version must be >= 1, got " + version);
        }
        return version;
    }

    private static Op op(final JsonNode root) {
        final String op = requiredText(root, "op");
        for (final Op candidate : Op.values()) {
            if (candidate.name().equals(op)) {
                return candidate;
            }
        }
        throw new BadRecordException(Reason.INVALID_OP, "op must be UPSERT or DELETE");
    }

    private static Instant changedAt(final JsonNode root) {
        final String text = requiredText(root, "changedAt");
        try {
            return IsoInstants.parse(text);
        } catch (final DateTimeParseException e) {
            throw new BadRecordException(Reason.INVALID_TIMESTAMP, "changedAt is not an ISO-8601 instant");
        }
    }

    private static TicketPatch patch(final JsonNode fields) {
        if (fields == null || fields.isNull()) {
            return TicketPatch.EMPTY;
        }
        if (!fields.isObject()) {
            throw new BadRecordException(Reason.WRONG_TYPE, "fields must be an object, got " + fields.getNodeType());
        }
        final Set<TicketField> present = EnumSet.noneOf(TicketField.class);
        final Map<TicketField, JsonNode> values = new EnumMap<>(TicketField.class);
        for (final TicketField field : TicketField.values()) {
            final JsonNode value = fields.get(field.jsonName());
            if (value != null) {
                present.add(field);
                values.put(field, value);
            }
        }
        return new TicketPatch(
                nonBlankText(values.get(TicketField.TITLE), TicketField.TITLE),
                nonBlankText(values.get(TicketField.STATUS), TicketField.STATUS),
                optionalText(values.get(TicketField.PRIORITY), TicketField.PRIORITY),
                optionalText(values.get(TicketField.ASSIGNEE), TicketField.ASSIGNEE),
                optionalText(values.get(TicketField.REQUESTER), TicketField.REQUESTER),
                tags(values.get(TicketField.TAGS)),
                present);
    }

    /** Title and status may be left out of a change, but never cleared. */
    private static String nonBlankText(final JsonNode node, final TicketField field) {
        if (node == null) {
            return null;
        }
        final String text = optionalText(node, field);
        if (text == null || text.isBlank()) {
            throw new BadRecordException(Reason.INVALID_FIELD, "fields." + field.jsonName() + " must be a non-blank string");
        }
        return text;
    }

    private static String optionalText(final JsonNode node, final TicketField field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRecordException(Reason.WRONG_TYPE,
                    "fields." + field.jsonName() + " must be a string, got " + node.getNodeType());
        }
        return node.textValue();
    }

    private static List<String> tags(final JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new BadRecordException(Reason.WRONG_TYPE, "fields.tags must be an array of strings, got " + node.getNodeType());
        }
        final List<String> tags = new ArrayList<>(node.size());
        for (final JsonNode tag : node) {
            if (!tag.isTextual()) {
                throw new BadRecordException(Reason.WRONG_TYPE, "fields.tags must contain only strings, got " + tag.getNodeType());
            }
            tags.add(tag.textValue());
        }
        return tags;
    }

    private static JsonNode required(final JsonNode root, final String name) {
        final JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw new BadRecordException(Reason.MISSING_FIELD, name + " is required");
        }
        return node;
    }

    private static String requiredText(final JsonNode root, final String name) {
        final JsonNode node = required(root, name);
        if (!node.isTextual()) {
            throw new BadRecordException(Reason.WRONG_TYPE, name + " must be a string, got " + node.getNodeType());
        }
        return node.textValue();
    }
}
