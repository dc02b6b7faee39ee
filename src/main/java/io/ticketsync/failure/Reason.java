package io.ticketsync.failure;

/**
 * Why a record was dead-lettered: the short, machine-readable value of the
 * {@code ticketsync.error.reason} header. Codes are part of the product contract; do not rename.
 */
public enum Reason {
    // Deserialization: the bytes are not a TicketChange.
    NULL_KEY("null-key"),
    INVALID_KEY_ENCODING("invalid-key-encoding"),
    NULL_VALUE("null-value"),
    EMPTY_VALUE("empty-value"),
    INVALID_UTF8("invalid-utf8"),
    INVALID_JSON("invalid-json"),
    JSON_LIMIT_EXCEEDED("json-limit-exceeded"),
    NOT_AN_OBJECT("not-an-object"),
    MISSING_FIELD("missing-field"),
    WRONG_TYPE("wrong-type"),
    INVALID_TICKET_ID("invalid-ticket-id"),
    INVALID_VERSION("invalid-version"),
    INVALID_OP("invalid-op"),
    INVALID_TIMESTAMP("invalid-timestamp"),
    UNDECODABLE("undecodable"),
    // Processing: a well-formed change that cannot be applied.
    KEY_MISMATCH("key-mismatch"),
    UNMAPPED_STATUS("unmapped-status"),
    UNMAPPED_PRIORITY("unmapped-priority"),
    MISSING_INITIAL_FIELDS("missing-initial-fields"),
    INVALID_FIELD("invalid-field"),
    // The output record or the stored state the change would write is over output.max.record.bytes.
    RECORD_TOO_LARGE("record-too-large"),
    // Processing, or (defensively) an output serializer: an exception nobody foresaw.
    UNEXPECTED_EXCEPTION("unexpected-exception");

    private final String code;

    Reason(final String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
