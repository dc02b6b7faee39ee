package io.ticketsync.dlq;

import java.time.Instant;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Which dead letters a command works on; null fields match everything. Stage and reason match
 * case-insensitively; the ticket id matches the record key.
 */
public record DeadLetterFilter(String stage, String reason, String ticketId, Integer sourcePartition,
                               Long sourceOffsetFrom, Long sourceOffsetTo, Instant since, Instant until) {

    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null, null, null, null);

    public boolean matches(final DeadLetter letter) {
        return (stage == null || stage.equalsIgnoreCase(letter.stage()))
                && (reason == null || reason.toLowerCase(Locale.ROOT).equals(letter.reason()))
                && (ticketId == null || ticketId.equals(letter.keyText()))
                && (sourcePartition == null || sourcePartition == letter.sourcePartition())
                && (sourceOffsetFrom == null || letter.sourceOffset() >= sourceOffsetFrom)
                && (sourceOffsetTo == null || letter.sourceOffset() <= sourceOffsetTo)
                && (since == null || !letter.timestamp().isBefore(since))
                && (until == null || letter.timestamp().isBefore(until));
    }

    /** A stable, readable description, also used to name the replay's consumer group. */
    public String describe() {
        final StringJoiner parts = new StringJoiner(",");
        add(parts, "stage", stage == null ? null : stage.toUpperCase(Locale.ROOT));
        add(parts, "reason", reason == null ? null : reason.toLowerCase(Locale.ROOT));
        add(parts, "ticket", ticketId);
        add(parts, "source-partition", sourcePartition);
        add(parts, "source-offset-from", sourceOffsetFrom);
        add(parts, "source-offset-to", sourceOffsetTo);
        add(parts, "since", since);
        add(parts, "until", until);
        return parts.length() == 0 ? "all" : parts.toString();
    }

    private static void add(final StringJoiner parts, final String name, final Object value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }
}
