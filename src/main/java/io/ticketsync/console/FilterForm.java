package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetterFilter;
import org.eclipse.jetty.util.Fields;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The selection fields every console page shares with the {@code dlq} commands' options, as they
 * arrive in a query string or a form, and back into links and hidden fields.
 */
record FilterForm(Map<String, String> values, DeadLetterFilter filter, boolean includeClosed) {

    static final String[] FIELDS = {"stage", "reason", "ticket", "sourcePartition", "offsetFrom", "offsetTo", "since", "until"};

    /** @throws IllegalArgumentException naming the field that does not parse */
    static FilterForm from(final Fields fields) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String name : FIELDS) {
            final String value = fields.getValue(name);
            if (value != null && !value.isBlank()) {
                values.put(name, value.trim());
            }
        }
        final boolean includeClosed = "on".equals(fields.getValue("includeClosed")) || "true".equals(fields.getValue("includeClosed"));
        final DeadLetterFilter filter = new DeadLetterFilter(values.get("stage"), values.get("reason"), values.get("ticket"),
                integer(values, "sourcePartition"), number(values, "offsetFrom"), number(values, "offsetTo"),
                instant(values, "since"), instant(values, "until"));
        return new FilterForm(Map.copyOf(values), filter, includeClosed);
    }

    /** The selection as a query string (without '?'), for links and the export. */
    String query() {
        final StringJoiner query = new StringJoiner("&");
        for (final String name : FIELDS) {
            final String value = values.get(name);
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        if (includeClosed) {
            query.add("includeClosed=true");
        }
        return query.toString();
    }

    /** Values for the template: each field's value (or ""), and includeClosed. */
    Map<String, Object> model() {
        final Map<String, Object> model = new LinkedHashMap<>();
        for (final String name : FIELDS) {
            model.put(name, values.getOrDefault(name, ""));
        }
        model.put("includeClosed", includeClosed);
        model.put("query", query());
        model.put("describe", filter.describe() + (includeClosed ? ", closed included" : ""));
        return model;
    }

    private static Integer integer(final Map<String, String> values, final String name) {
        final Long value = number(values, name);
        if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(name + " must be a partition number");
        }
        return value == null ? null : value.intValue();
    }

    private static Long number(final Map<String, String> values, final String name) {
        final String value = values.get(name);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    /** An ISO instant (2026-11-22T10:00:00Z) or a browser's datetime-local value, read as UTC. */
    private static Instant instant(final Map<String, String> values, final String name) {
        final String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (final DateTimeException e) {
            throw new IllegalArgumentException(name + " must be a time such as 2026-11-22T10:00:00Z, got '" + value + "'");
        }
    }
}
