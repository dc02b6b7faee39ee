package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetterFilter;

/**
 * A page request: letters matching {@code filter} (open ones only unless {@code includeClosed}),
 * newest first, at most {@code limit}, continuing after {@code cursor} (null for the first page; a
 * page's {@link LetterPage#nextCursor()} otherwise).
 */
public record LetterQuery(DeadLetterFilter filter, boolean includeClosed, String cursor, int limit) {
}
