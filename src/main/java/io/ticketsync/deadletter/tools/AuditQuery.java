package io.ticketsync.deadletter.tools;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which audit events {@code ticket-sync audit} shows; an absent criterion selects everything.
 *
 * @param who     part of the actor's id or e-mail, in any case
 * @param actions the actions, in any case (empty: all)
 * @param outcome the outcome, in any case
 * @param since   events at or after
 * @param until   events before
 */
public record AuditQuery(String who, Set<String> actions, String outcome, Instant since, Instant until) {

    public static final AuditQuery ALL = new AuditQuery(null, Set.of(), null, null, null);

    public AuditQuery {
        who = who == null ? null : lower(who);
        actions = actions.stream().map(AuditQuery::lower).collect(Collectors.toUnmodifiableSet());
    }

    public boolean matches(final AuditEntry entry) {
        return (who == null || lower(entry.actor()).contains(who) || entry.email() != null && lower(entry.email()).contains(who))
                && (actions.isEmpty() || actions.contains(lower(entry.action())))
                && (outcome == null || outcome.equalsIgnoreCase(entry.outcome()))
                && (since == null || !entry.at().isBefore(since))
                && (until == null || entry.at().isBefore(until));
    }

    private static String lower(final String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
