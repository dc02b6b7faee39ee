package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketsync.codec.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bulk transform of letters' values (see {@link TransformRulesParser} for the file format): its
 * steps in the file's order, and the text they came from, which plans carry and whose hash names
 * the rules in sent records' {@value #HEADER} header and in the audit trail.
 */
public final class TransformRules {

    /** Header on every record a transform sent: the rules' hash. */
    public static final String HEADER = "ticketsync.transform.rules";

    private final List<TransformRule> steps;
    private final String text;

    TransformRules(final List<TransformRule> steps, final String text) {
        this.steps = List.copyOf(steps);
        this.text = text;
    }

    /** @throws InvalidRulesException naming the line and the reason when the text is not valid rules */
    public static TransformRules parse(final String text) {
        return new TransformRules(TransformRulesParser.parse(text), text);
    }

    public String text() {
        return text;
    }

    /** Twelve hex digits of the text's SHA-256. */
    public String hash() {
        return ShortHash.of(text);
    }

    int size() {
        return steps.size();
    }

    /** The rules applied to a letter's value; a value that is not a JSON object cannot be transformed. */
    public Transformed apply(final byte[] value) {
        final JsonNode root;
        try {
            root = value == null ? null : Json.MAPPER.readTree(value);
        } catch (final IOException e) {
            return Transformed.notTransformable("the value is not JSON");
        }
        if (root == null || !root.isObject()) {
            return Transformed.notTransformable("the value is not a JSON object");
        }
        final List<String> changes = new ArrayList<>();
        try {
            for (final TransformRule step : steps) {
                step.apply((ObjectNode) root, changes);
            }
            return changes.isEmpty() ? Transformed.unchanged()
                    : Transformed.changed(Json.MAPPER.writeValueAsBytes(root), changes);
        } catch (final NotTransformableException e) {
            return Transformed.notTransformable(e.getMessage());
        } catch (final IOException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }
}
