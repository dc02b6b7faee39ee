package io.ticketsync.console;

import org.eclipse.jetty.util.Fields;

import java.util.Optional;

/**
 * Which role each page and form needs beyond being signed in (any role shows letters' metadata):
 * changing anything needs {@link Role#OPERATOR}; what can quote a record (an export, a filter by
 * ticket, which is the record's key) needs {@link Role#VALUES}. One table, checked on the server for
 * every request, whatever the pages offer.
 */
final class RoleRules {

    private RoleRules() {
    }

    static Optional<Role> needed(final String path, final boolean post, final Fields fields) {
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
