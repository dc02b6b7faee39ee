package io.ticketsync.deadletter.tools;

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
        return matches(letter.stage(), letter.reason(), letter.keyText(), letter.sourcePartition(), letter.sourceOffset(),
                letter.timestamp());
    }

    /** Whether a letter with these properties matches; for callers that keep only a letter's summary. */
    public boolean matches(final String letterStage, final String letterReason, final String letterTicketId,
                           final int letterSourcePartition, final long letterSourceOffset, final Instant letterTimestamp) {
        return (stage == null || stage.equalsIgnoreCase(letterStage))
                && (reason == null || reason.toLowerCase(Locale.ROOT).equals(letterReason))
                && (ticketId == null || ticketId.equals(letterTicketId))
                && (sourcePartition == null || sourcePartition == letterSourcePartition)
                && (sourceOffsetFrom == null || letterSourceOffset >= sourceOffsetFrom)
                && (sourceOffsetTo == null || letterSourceOffset <= sourceOffsetTo)
                && (since == null || !letterTimestamp.isBefore(since))
                && (until == null || letterTimestamp.isBefore(until));
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

    /** Every field, case-normalised as matching is, in a fixed order: unambiguous where {@link #describe()} is readable. */
    public java.util.Map<String, Object> canonical() {
        final java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("stage", stage == null ? null : stage.toUpperCase(Locale.ROOT));
        fields.put("reason", reason == null ? null : reason.toLowerCase(Locale.ROOT));
        fields.put("ticket", ticketId);
        fields.put("sourcePartition", sourcePartition);
        fields.put("sourceOffsetFrom", sourceOffsetFrom);
        fields.put("sourceOffsetTo", sourceOffsetTo);
        fields.put("since", since == null ? null : since.toString());
        fields.put("until", until == null ? null : until.toString());
        return fields;
    }

    private static void add(final StringJoiner parts, final String name, final Object value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }
}
