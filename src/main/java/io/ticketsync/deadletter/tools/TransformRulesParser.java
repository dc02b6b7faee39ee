package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule file, YAML or JSON (a text starting with '{' or '['): a mapping of operations,
 * applied in the file's order, or a list of such mappings (to repeat an operation):
 *
 * <pre>
 * set:    {fields.priority: high}                  # scalar values; objects on the way are created
 * remove: [fields.tags]                            # or one path
 * rename: {fields.assignee: fields.owner}
 * map:    {fields.status: {escalated: open}}
 * fields.status: escalated -> open                 # the same map on one line: PATH: OLD -> NEW
 * </pre>
 *
 * Anything else is refused with its line: an unknown operation, a malformed entry, a path that is
 * not a dotted field path or that touches {@code ticketId} or {@code version}.
 */
final class TransformRulesParser {

    private static final String ARROW = "->";
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonFactory YAML = new YAMLFactory();

    private TransformRulesParser() {
    }

    static List<TransformRule> parse(final String text) {
        final RuleNode root = tree(text);
        final List<TransformRule> steps = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (final RuleNode item : root.items()) {
                operations(item, steps);
            }
        } else if (root != null && root.isObject()) {
            operations(root, steps);
        } else {
            throw new InvalidRulesException(root == null ? 1 : root.line(),
                    "expected a mapping of operations (set, remove, rename, map, or PATH: OLD -> NEW)");
        }
        if (steps.isEmpty()) {
            throw new InvalidRulesException(root.line(), "no rules: the file changes nothing");
        }
        return steps;
    }

    private static RuleNode tree(final String text) {
        final String start = text.stripLeading();
        final JsonFactory factory = start.startsWith("{") || start.startsWith("[") ? JSON : YAML;
        try (JsonParser parser = factory.createParser(text)) {
            return parser.nextToken() == null ? null : RuleNode.read(parser);
        } catch (final JsonProcessingException e) {
            throw new InvalidRulesException(e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr()),
                    "not valid " + (factory == JSON ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
        } catch (final IOException e) {
            throw new IllegalStateException("reading a string", e);
        }
    }

    private static void operations(final RuleNode node, final List<TransformRule> steps) {
        if (!node.isObject()) {
            throw new InvalidRulesException(node.line(), "a step must be a mapping of operations");
        }
        final Set<String> seen = new HashSet<>();
        for (final RuleNode.Field field : node.fields()) {
            if (!seen.add(field.name())) {
                throw new InvalidRulesException(field.line(), "'" + field.name() + "' appears twice; to repeat an"
                        + " operation, write the rules as a list of steps");
            }
            operation(field, steps);
        }
    }

    private static void operation(final RuleNode.Field op, final List<TransformRule> steps) {
        final RuleNode value = op.value();
        switch (op.name()) {
            case "set":
                for (final RuleNode.Field entry : fields(op)) {
                    if (entry.value().scalar() == null) {
                        throw new InvalidRulesException(entry.line(), "set " + entry.name()
                                + ": the value must be text, a number, true, false or null");
                    }
                    steps.add(new TransformRule.SetField(path(entry.name(), entry.line()), entry.value().scalar()));
                }
                break;
            case "remove":
                for (final RuleNode item : value.isArray() ? value.items() : List.of(value)) {
                    if (!item.isText()) {
                        throw new InvalidRulesException(item.line(), "remove takes a field path or a list of them");
                    }
                    steps.add(new TransformRule.RemoveField(path(item.scalar().asText(), item.line())));
                }
                break;
            case "rename":
                for (final RuleNode.Field entry : fields(op)) {
                    if (!entry.value().isText()) {
                        throw new InvalidRulesException(entry.line(), "rename " + entry.name() + ": the new name must be a field path");
                    }
                    steps.add(new TransformRule.RenameField(path(entry.name(), entry.line()),
                            path(entry.value().scalar().asText(), entry.line())));
                }
                break;
            case "map":
                for (final RuleNode.Field entry : fields(op)) {
                    steps.add(mapping(entry));
                }
                break;
            default:
                if (!value.isText() || !value.scalar().asText().contains(ARROW)) {
                    throw new InvalidRulesException(op.line(), "unknown operation '" + op.name()
                            + "': use set, remove, rename, map, or PATH: OLD -> NEW");
                }
                steps.add(mapping(op));
        }
    }

    /** {@code path: {old: new, ...}} or {@code path: old -> new}. */
    private static TransformRule mapping(final RuleNode.Field entry) {
        final FieldPath path = path(entry.name(), entry.line());
        final Map<String, JsonNode> values = new LinkedHashMap<>();
        final RuleNode value = entry.value();
        if (value.isText()) {
            final String[] sides = value.scalar().asText().split(ARROW, -1);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new InvalidRulesException(entry.line(), entry.name() + ": expected OLD -> NEW, one arrow, both sides"
                        + " given, got '" + value.scalar().asText() + "'");
            }
            values.put(sides[0].trim(), TextNode.valueOf(sides[1].trim()));
        } else if (value.isObject() && !value.fields().isEmpty()) {
            for (final RuleNode.Field pair : value.fields()) {
                if (pair.value().scalar() == null) {
                    throw new InvalidRulesException(pair.line(), "map " + entry.name() + ": the new value for '" + pair.name()
                            + "' must be text, a number, true, false or null");
                }
                values.put(pair.name(), pair.value().scalar());
            }
        } else {
            throw new InvalidRulesException(entry.line(), "map " + entry.name() + ": expected {OLD: NEW, ...} or OLD -> NEW");
        }
        return new TransformRule.MapValues(path, values);
    }

    private static List<RuleNode.Field> fields(final RuleNode.Field op) {
        if (!op.value().isObject() || op.value().fields().isEmpty()) {
            throw new InvalidRulesException(op.line(), op.name() + " takes a mapping, e.g. " + op.name()
                    + (op.name().equals("rename") ? ": {fields.from: fields.to}" : ": {fields.status: open}"));
        }
        return op.value().fields();
    }

    private static FieldPath path(final String text, final int line) {
        try {
            return FieldPath.parse(text);
        } catch (final IllegalArgumentException e) {
            throw new InvalidRulesException(line, e.getMessage());
        }
    }
}
