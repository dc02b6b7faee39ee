package io.ticketsync.failure;

/** The one decision every error path shares. */
public enum FailureKind {
    /** The record is at fault: dead-letter it and go on. */
    POISON,
    /**
     * Infrastructure trouble the same call may get past when simply made again (Kafka's
     * {@code RetriableException}): retry where a retry is offered, otherwise as {@link #RECOVERABLE}.
     */
    TRANSIENT,
    /** Infrastructure trouble that may pass: fail the task, let the thread be replaced. */
    RECOVERABLE,
    /** Retrying cannot help (security, configuration, a JVM error): shut the client down. */
    FATAL
}
