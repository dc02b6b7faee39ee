package io.ticketsync.failure;

/** The one decision every error path shares. */
public enum FailureKind {
    /** The record is at fault: dead-letter it and go on. */
    POISON,
    /**
     * Infrastructure trouble the same call may get past when simply made again (Kafka's
     * {@code RetriableException}): retry where a retry is offered, otherwise as {@link #BROKER_FAULT}.
     */
    TRANSIENT,
    /**
     * The cluster, not this instance, undid the work: the broker aborted or fenced the transaction,
     * the group moved on without this member, or a broker stayed unreachable past Kafka's retries.
     * Under exactly_once_v2 the attempt is discarded whole, so nothing is lost or doubled: fail the
     * task, let the thread be replaced, charged to the broker-fault budget, not to the failure budget.
     */
    BROKER_FAULT,
    /** Infrastructure trouble that may pass: fail the task, let the thread be replaced. */
    RECOVERABLE,
    /** Retrying cannot help (security, configuration, a JVM error): shut the client down. */
    FATAL
}
