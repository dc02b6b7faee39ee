package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dotted path to a field of a letter's JSON value, e.g. {@code fields.status}: names only, no
 * array indexes or wildcards, so a rule always means one field. {@code ticketId} and
 * {@code version} are read-only: a changed id is another ticket, and a changed version would make
 * the ticket's later real versions stale.
 */
record FieldPath(List<String> names) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Set<String> READ_ONLY = Set.of("ticketId", "version");
    private static final int MAX_DEPTH = 16;

    FieldPath {
        names = List.copyOf(names);
    }

    /** @throws IllegalArgumentException saying why the text is not a path a rule may touch */
    static FieldPath parse(final String text) {
        final String[] names = text.split("\\.", -1);
        if (names.length > MAX_DEPTH) {
            throw new IllegalArgumentException("'" + text + "' is deeper than " + MAX_DEPTH + " fields");
        }
        for (final String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a dotted field path (names of letters, digits,"
                        + " '_' and '-', joined by '.', e.g. fields.status)");
            }
        }
        if (READ_ONLY.contains(names[0])) {
            throw new IllegalArgumentException("'" + text + "' is read-only: " + names[0] + " identifies the change"
                    + " (a changed version would make the ticket's later versions stale)");
        }
        return new FieldPath(List.of(names));
    }

    /** The field's value, or empty when it (or an object on the way) is absent. */
    Optional<JsonNode> get(final ObjectNode root) {
        JsonNode node = root;
        for (final String name : names) {
            node = node.isObject() ? node.get(name) : null;
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /**
     * The object that holds the last name, created on the way when {@code create}; empty when an
     * object on the way is absent (and not created).
     *
     * @throws NotTransformableException when something on the way is not an object
     */
    Optional<ObjectNode> parent(final ObjectNode root, final boolean create) {
        ObjectNode node = root;
        for (int i = 0; i < names.size() - 1; i++) {
            final JsonNode next = node.get(names.get(i));
            if (next == null || next.isNull()) {
                if (!create) {
                    return Optional.empty();
                }
                node = node.putObject(names.get(i));
            } else if (next.isObject()) {
                node = (ObjectNode) next;
            } else {
                throw new NotTransformableException(String.join(".", names.subList(0, i + 1)) + " is not an object");
            }
        }
        return Optional.of(node);
    }

    String last() {
        return names.get(names.size() - 1);
    }

    @Override
    public String toString() {
        return String.join(".", names);
    }
}
