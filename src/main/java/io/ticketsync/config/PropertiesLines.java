package io.ticketsync.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * On which line each key of a properties file starts, so a bad value can be reported as
 * {@code file:line}. {@link Properties} keeps no positions; each logical line (continuations
 * joined) is parsed on its own by {@link Properties} itself, so escapes and separators are read
 * exactly as the values were.
 */
final class PropertiesLines {

    private PropertiesLines() {
    }

    /** Key to 1-based line; a key given twice maps to its last line, as its value is the last one. */
    static Map<String, Integer> of(final List<String> lines) {
        final Map<String, Integer> starts = new TreeMap<>();
        int index = 0;
        while (index < lines.size()) {
            final int start = index;
            final StringBuilder logical = new StringBuilder(lines.get(index));
            while (continues(lines.get(index)) && !isComment(lines.get(start)) && index + 1 < lines.size()) {
                index++;
                logical.append('\n').append(lines.get(index));
            }
            index++;
            keyOf(logical.toString()).ifPresent(key -> starts.put(key, start + 1));
        }
        return starts;
    }

    private static Optional<String> keyOf(final String logicalLine) {
        final Properties properties = new Properties();
        try {
            properties.load(new StringReader(logicalLine));
        } catch (final IOException | IllegalArgumentException e) {
            // Malformed here means malformed for the whole file too, which reports it; no line then.
            return Optional.empty();
        }
        return properties.stringPropertyNames().stream().findFirst();
    }

    private static boolean isComment(final String line) {
        final String trimmed = line.stripLeading();
        return trimmed.startsWith("#") || trimmed.startsWith("!");
    }

    /** An odd number of trailing backslashes continues the line; an even number is escaped backslashes. */
    private static boolean continues(final String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
