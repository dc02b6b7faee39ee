package io.ticketsync.failure;

/**
 * Where in Kafka Streams a record failed; written to the {@code ticketsync.error.stage} header.
 * {@link #PRODUCTION} is a stage no dead letter of this version carries (every failure to write
 * fails the task), but it still names that stage in the production handler's classification and
 * log lines, and dead letters written by earlier versions carry it, so the tools still filter by it.
 */
public enum ErrorStage {
    DESERIALIZATION,
    PROCESSING,
    PRODUCTION
}
