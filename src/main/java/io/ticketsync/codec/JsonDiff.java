package io.ticketsync.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Field by field, what differs between two JSON documents: one line per changed leaf,
 * {@code path: before -> after}, dotted paths into objects, {@code (absent)} for a field on one
 * side only. Arrays compare as a whole (a list of tags is one field to a reader). The one diff the
 * preview of a change and the record of an edit both show.
 */
public final class JsonDiff {

    static final String ABSENT = "(absent)";

    private JsonDiff() {
    }

    /** @param before null or missing for nothing before; likewise {@code after} */
    public static List<String> of(final JsonNode before, final JsonNode after) {
        final List<String> lines = new ArrayList<>();
        compare("", orMissing(before), orMissing(after), lines);
        return List.copyOf(lines);
    }

    private static void compare(final String path, final JsonNode before, final JsonNode after, final List<String> lines) {
        if (before.isObject() && after.isObject()) {
            final TreeSet<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (final String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, orMissing(before.get(name)), orMissing(after.get(name)), lines);
            }
            return;
        }
        if (before.isObject() && after.isMissingNode() || before.isMissingNode() && after.isObject()) {
            // A whole object added or removed reads best as its fields, one line each.
            final JsonNode present = before.isObject() ? before : after;
            for (final Iterator<String> names = present.fieldNames(); names.hasNext(); ) {
                final String name = names.next();
                compare(path.isEmpty() ? name : path + "." + name, before.isObject() ? before.get(name) : before,
                        after.isObject() ? after.get(name) : after, lines);
            }
            return;
        }
        if (!before.equals(after)) {
            lines.add((path.isEmpty() ? "(value)" : path) + ": " + text(before) + " -> " + text(after));
        }
    }

    private static JsonNode orMissing(final JsonNode node) {
        return node == null ? MissingNode.getInstance() : node;
    }

    private static String text(final JsonNode node) {
        return node.isMissingNode() ? ABSENT : node.toString();
    }
}
