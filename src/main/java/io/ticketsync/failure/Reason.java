package io.ticketsync.failure;

import java.util.EnumSet;
import java.util.Set;

import static io.ticketsync.failure.ErrorStage.DESERIALIZATION;
import static io.ticketsync.failure.ErrorStage.PROCESSING;

/**
 * Why a record was dead-lettered: the short, machine-readable value of the
 * {@code ticketsync.error.reason} header, and the stages at which it can occur. Codes are part of
 * the product contract ({@code docs/contract.md}); do not rename.
 */
public enum Reason {
    // Deserialization: the bytes are not a TicketChange.
    NULL_KEY("null-key", DESERIALIZATION),
    INVALID_KEY_ENCODING("invalid-key-encoding", DESERIALIZATION),
    NULL_VALUE("null-value", DESERIALIZATION),
    EMPTY_VALUE("empty-value", DESERIALIZATION),
    INVALID_UTF8("invalid-utf8", DESERIALIZATION),
    INVALID_JSON("invalid-json", DESERIALIZATION),
    JSON_LIMIT_EXCEEDED("json-limit-exceeded", DESERIALIZATION),
    NOT_AN_OBJECT("not-an-object", DESERIALIZATION),
    MISSING_FIELD("missing-field", DESERIALIZATION),
    WRONG_TYPE("wrong-type", DESERIALIZATION),
    INVALID_TICKET_ID("invalid-ticket-id", DESERIALIZATION),
    INVALID_VERSION("invalid-version", DESERIALIZATION),
    INVALID_OP("invalid-op", DESERIALIZATION),
    INVALID_TIMESTAMP("invalid-timestamp", DESERIALIZATION),
    // A blank or null title/status: the decoder refuses it.
    INVALID_FIELD("invalid-field", DESERIALIZATION),
    UNDECODABLE("undecodable", DESERIALIZATION),
    // Processing: a well-formed change that cannot be applied.
    KEY_MISMATCH("key-mismatch", PROCESSING),
    UNMAPPED_STATUS("unmapped-status", PROCESSING),
    UNMAPPED_PRIORITY("unmapped-priority", PROCESSING),
    MISSING_INITIAL_FIELDS("missing-initial-fields", PROCESSING),
    // The output record or the stored state the change would write is over output.max.record.bytes.
    RECORD_TOO_LARGE("record-too-large", PROCESSING),
    // Business logic threw an exception nobody foresaw. (An output serializer that throws fails the
    // task instead: resuming would advance the ticket's state without its output.)
    UNEXPECTED_EXCEPTION("unexpected-exception", PROCESSING);

    private final String code;
    private final Set<ErrorStage> stages;

    Reason(final String code, final ErrorStage first, final ErrorStage... more) {
        this.code = code;
        this.stages = Set.copyOf(EnumSet.of(first, more));
    }

    public String code() {
        return code;
    }

    /** The stages whose dead letters can carry this reason. */
    public Set<ErrorStage> stages() {
        return stages;
    }
}
