package io.ticketsync.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import io.ticketsync.deadletter.tools.CheckResult;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.EditReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the letter page's editor shows: the value being edited (at first the letter's, pretty-printed),
 * the read-only key, ticketId and version, what the last check said, and why nothing was sent.
 */
final class EditorView {

    private final String value;
    private final EditReport report;
    private final String problem;

    private EditorView(final String value, final EditReport report, final String problem) {
        this.value = value;
        this.report = report;
        this.problem = problem;
    }

    /** The letter's own value, pretty-printed when it is JSON. */
    static EditorView of(final DeadLetter letter) {
        return new EditorView(pretty(letter.value()), null, null);
    }

    static EditorView checked(final String value, final EditReport report) {
        return new EditorView(value, report, null);
    }

    static EditorView failed(final String value, final String problem) {
        return new EditorView(value, null, problem);
    }

    EditorView problem(final String text) {
        return new EditorView(value, report, text);
    }

    Map<String, Object> model(final DeadLetter letter) {
        final Map<String, Object> model = new HashMap<>();
        model.put("value", value);
        model.put("key", letter.keyText());
        final JsonNode original = parsed(letter.value());
        model.put("ticketId", original == null ? "" : original.path("ticketId").toString());
        model.put("version", original == null ? "" : original.path("version").toString());
        model.put("problem", problem);
        if (report != null) {
            final CheckResult check = report.check();
            final Map<String, Object> shown = new HashMap<>();
            shown.put("headline", EditReport.headline(check));
            shown.put("applies", check.outcome() == CheckResult.Outcome.APPLIES);
            shown.put("valueDiff", report.diff());
            shown.put("diff", check.diff());
            shown.put("after", check.after().orElse(null));
            model.put("check", shown);
        }
        return model;
    }

    private static String pretty(final byte[] value) {
        final JsonNode node = parsed(value);
        return node != null ? node.toPrettyString() : value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parsed(final byte[] value) {
        try {
            return value == null ? null : Json.MAPPER.readTree(value);
        } catch (final IOException e) {
            return null;
        }
    }
}
