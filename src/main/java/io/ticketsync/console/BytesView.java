package io.ticketsync.console;

import io.ticketsync.codec.Utf8;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;

import java.io.IOException;

/**
 * Bytes of a dead letter (key, value, a header) as a person should read them: pretty-printed JSON
 * when they parse as JSON, the text when they are UTF-8, a hex dump otherwise. The text is
 * returned raw: the page template escapes it.
 *
 * @param kind "JSON", "text", "binary (hex)" or "null"
 */
record BytesView(String kind, String text, boolean truncated, int size) {

    /** More than this is cut from the page (the export has every byte). */
    static final int MAX_SHOWN_BYTES = 256 * 1024;

    static BytesView of(final byte[] bytes) {
        if (bytes == null) {
            return new BytesView("null", "", false, 0);
        }
        final boolean truncated = bytes.length > MAX_SHOWN_BYTES;
        final int shown = Math.min(bytes.length, MAX_SHOWN_BYTES);
        final String text = textOf(bytes, shown);
        if (text == null) {
            return new BytesView("binary (hex)", hex(bytes, shown), truncated, bytes.length);
        }
        if (!truncated) {
            try {
                final JsonNode json = Json.MAPPER.readTree(bytes);
                if (json != null && (json.isObject() || json.isArray())) {
                    return new BytesView("JSON", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json), false,
                            bytes.length);
                }
            } catch (final IOException notJson) {
                // Shown as the text it is.
            }
        }
        return new BytesView("text", text, truncated, bytes.length);
    }

    /** A cut may split a UTF-8 character: the cut moves back up to three bytes before it gives up on text. */
    private static String textOf(final byte[] bytes, final int shown) {
        final int shortest = shown == bytes.length ? shown : Math.max(0, shown - 3);
        for (int length = shown; length >= shortest; length--) {
            final String text = Utf8.decode(bytes, length).orElse(null);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /** 16 bytes a line: offset, hex. */
    private static String hex(final byte[] bytes, final int length) {
        final StringBuilder dump = new StringBuilder();
        for (int line = 0; line < length; line += 16) {
            dump.append(String.format("%08x ", line));
            for (int i = line; i < Math.min(length, line + 16); i++) {
                dump.append(String.format(" %02x", bytes[i] & 0xff));
            }
            dump.append('\n');
        }
        return dump.toString();
    }
}
