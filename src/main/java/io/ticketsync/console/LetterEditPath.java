package io.ticketsync.console;

import io.ticketsync.deadletter.tools.LetterId;

import java.util.Optional;

/** The editor's forms: {@code POST /letters/{id}/check} and {@code POST /letters/{id}/edit}. */
record LetterEditPath(LetterId letter, boolean send) {

    private static final String PREFIX = "/letters/";

    static boolean matches(final String path) {
        return parse(path).isPresent();
    }

    /** @throws IllegalArgumentException for a letter id that is not {@code partition@offset} */
    static Optional<LetterEditPath> parse(final String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        final String rest = path.substring(PREFIX.length());
        final int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        final String action = rest.substring(slash + 1);
        if (!"check".equals(action) && !"edit".equals(action)) {
            return Optional.empty();
        }
        return Optional.of(new LetterEditPath(LetterId.parse(rest.substring(0, slash)), "edit".equals(action)));
    }
}
