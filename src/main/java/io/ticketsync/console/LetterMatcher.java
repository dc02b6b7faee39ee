package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetterFilter;

import java.nio.charset.StandardCharsets;

/**
 * A {@link DeadLetterFilter} turned into comparisons of the index's columns: kinds by number, times
 * in milliseconds, the ticket as capped UTF-8 bytes; and whether a whole segment can be skipped.
 */
final class LetterMatcher {

    private final boolean[] kinds;
    private final boolean openOnly;
    private final long sinceMs;
    private final long untilMs;
    private final Integer sourcePartition;
    private final long sourceOffsetFrom;
    private final long sourceOffsetTo;
    private final byte[] ticket;
    private final boolean onlyKinds;

    private LetterMatcher(final boolean[] kinds, final boolean openOnly, final DeadLetterFilter filter, final byte[] ticket) {
        this.kinds = kinds;
        this.openOnly = openOnly;
        this.sinceMs = filter.since() == null ? Long.MIN_VALUE : filter.since().toEpochMilli();
        this.untilMs = filter.until() == null ? Long.MAX_VALUE : filter.until().toEpochMilli();
        this.sourcePartition = filter.sourcePartition();
        this.sourceOffsetFrom = filter.sourceOffsetFrom() == null ? Long.MIN_VALUE : filter.sourceOffsetFrom();
        this.sourceOffsetTo = filter.sourceOffsetTo() == null ? Long.MAX_VALUE : filter.sourceOffsetTo();
        this.ticket = ticket;
        this.onlyKinds = filter.since() == null && filter.until() == null && filter.sourcePartition() == null
                && filter.sourceOffsetFrom() == null && filter.sourceOffsetTo() == null && ticket == null;
    }

    /** @param cappedTicket the filter's ticket as the index keeps keys ({@link LetterIndex#capped(String)}), or null */
    static LetterMatcher of(final DeadLetterFilter filter, final boolean openOnly, final LetterKinds kinds, final String cappedTicket) {
        return new LetterMatcher(kinds.matching(filter.stage(), filter.reason()), openOnly, filter,
                cappedTicket == null ? null : cappedTicket.getBytes(StandardCharsets.UTF_8));
    }

    /** Only stage, reason and status are asked for: the kinds' counts answer how many match. */
    boolean onlyKinds() {
        return onlyKinds;
    }

    boolean kind(final int kind) {
        return kinds[kind];
    }

    boolean mayMatch(final LetterSegment segment) {
        return segment.mayHold(kinds, sinceMs, untilMs, sourcePartition, openOnly) && (ticket == null || segment.mayHoldKey(ticket));
    }

    boolean matches(final LetterSegment segment, final int i) {
        if (segment.removed(i) || !kinds[segment.kind(i)] || (openOnly && segment.decision(i) != 0)) {
            return false;
        }
        final long timestamp = segment.timestamp(i);
        if (timestamp < sinceMs || timestamp >= untilMs) {
            return false;
        }
        if (sourcePartition != null && segment.sourcePartition(i) != sourcePartition) {
            return false;
        }
        final long sourceOffset = segment.sourceOffset(i);
        return sourceOffset >= sourceOffsetFrom && sourceOffset <= sourceOffsetTo && (ticket == null || segment.keyEquals(i, ticket));
    }
}
