package io.ticketsync.failure;

/** Where in Kafka Streams a record failed; written to the {@code ticketsync.error.stage} header. */
public enum ErrorStage {
    DESERIALIZATION,
    PROCESSING,
    PRODUCTION
}
