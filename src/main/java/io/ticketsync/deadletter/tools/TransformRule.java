package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of {@link TransformRules}, applied to a letter's value in place. A step whose field is
 * absent from the letter does nothing: a selection mixes letters, and a rule for some of them is
 * not an error for the others.
 */
interface TransformRule {

    /**
     * @param changes receives one {@code path: before -> after} line per field it changed
     * @throws NotTransformableException when an object on the path is something else
     */
    void apply(ObjectNode root, List<String> changes);

    /** {@code set: {path: value}}: the field is written, created (with the objects on its way) when absent. */
    record SetField(FieldPath path, JsonNode value) implements TransformRule {
        @Override
        public void apply(final ObjectNode root, final List<String> changes) {
            final Optional<JsonNode> before = path.get(root);
            if (before.isPresent() && before.get().equals(value)) {
                return;
            }
            path.parent(root, true).orElseThrow().set(path.last(), value.deepCopy());
            changes.add(path + ": " + show(before) + " -> " + value);
        }
    }

    /** {@code remove: [path]}. */
    record RemoveField(FieldPath path) implements TransformRule {
        @Override
        public void apply(final ObjectNode root, final List<String> changes) {
            path.parent(root, false).filter(parent -> parent.has(path.last())).ifPresent(parent ->
                    changes.add(path + ": " + parent.remove(path.last()) + " -> (removed)"));
        }
    }

    /** {@code rename: {from: to}}: the value moves; an existing {@code to} is overwritten. */
    record RenameField(FieldPath from, FieldPath to) implements TransformRule {
        @Override
        public void apply(final ObjectNode root, final List<String> changes) {
            final Optional<ObjectNode> source = from.parent(root, false).filter(parent -> parent.has(from.last()));
            if (source.isEmpty()) {
                return;
            }
            final JsonNode value = source.get().remove(from.last());
            final ObjectNode target = to.parent(root, true).orElseThrow();
            final JsonNode overwritten = target.replace(to.last(), value);
            changes.add(from + ": " + value + " -> (renamed to " + to + ")");
            changes.add(to + ": " + show(Optional.ofNullable(overwritten)) + " -> " + value);
        }
    }

    /** {@code map: {path: {old: new}}}: a scalar field whose text is one of the old values gets the new one. */
    record MapValues(FieldPath path, Map<String, JsonNode> values) implements TransformRule {
        public MapValues {
            values = Map.copyOf(values);
        }

        @Override
        public void apply(final ObjectNode root, final List<String> changes) {
            final Optional<JsonNode> before = path.get(root).filter(JsonNode::isValueNode);
            final JsonNode after = before.map(node -> values.get(node.asText())).orElse(null);
            if (after != null && !after.equals(before.get())) {
                path.parent(root, false).orElseThrow().set(path.last(), after.deepCopy());
                changes.add(path + ": " + before.get() + " -> " + after);
            }
        }
    }

    private static String show(final Optional<JsonNode> value) {
        return value.map(JsonNode::toString).orElse("(absent)");
    }
}
