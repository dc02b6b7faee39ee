package io.ticketsync.console;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The index's end offsets as a hidden form field ({@code 0:120,1:98}): a mark of "all matching"
 * letters then covers the letters the page was made from, not those that arrived since.
 */
final class IndexEnds {

    private IndexEnds() {
    }

    static String format(final Map<Integer, Long> ends) {
        if (ends == null) {
            return "";
        }
        final StringJoiner text = new StringJoiner(",");
        new TreeMap<>(ends).forEach((partition, end) -> text.add(partition + ":" + end));
        return text.toString();
    }

    /** @return null for an empty field (marks then go to the current end) */
    static Map<Integer, Long> parse(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        final Map<Integer, Long> ends = new TreeMap<>();
        for (final String part : text.split(",")) {
            final int colon = part.indexOf(':');
            try {
                ends.put(Integer.parseInt(part.substring(0, colon).trim()), Long.parseLong(part.substring(colon + 1).trim()));
            } catch (final RuntimeException e) {
                throw new IllegalArgumentException("the form's end offsets are damaged: '" + part + "'", e);
            }
        }
        return ends;
    }
}
