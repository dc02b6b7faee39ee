package io.ticketsync.console;

import org.eclipse.jetty.util.Fields;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which role each page and form needs beyond being signed in (any role shows letters' metadata):
 * changing anything needs {@link Role#OPERATOR}; what can quote a record (an export, a filter by
 * ticket, which is the record's key) needs {@link Role#VALUES}. One table, checked on the server for
 * every request, whatever the pages offer.
 */
final class RoleRules {

    private RoleRules() {
    }

    /** Every role {@code path} needs; empty: being signed in is enough. */
    static Set<Role> needed(final String path, final boolean post, final Fields fields) {
        if (post && LetterEditPath.matches(path)) {
            // The editor shows the value and sends it on.
            return EnumSet.of(Role.VALUES, Role.OPERATOR);
        }
        return one(path, post, fields).map(EnumSet::of).orElseGet(() -> EnumSet.noneOf(Role.class));
    }

    private static Optional<Role> one(final String path, final boolean post, final Fields fields) {
        if (post) {
            return "/logout".equals(path) ? Optional.empty() : Optional.of(Role.OPERATOR);
        }
        if ("/replay".equals(path) || path.startsWith("/replay/")) {
            return Optional.of(Role.OPERATOR);
        }
        if ("/export.jsonl".equals(path)) {
            return Optional.of(Role.VALUES);
        }
        final String ticket = fields.getValue("ticket");
        if (ticket != null && !ticket.isBlank()) {
            return Optional.of(Role.VALUES);
        }
        return Optional.empty();
    }
}
