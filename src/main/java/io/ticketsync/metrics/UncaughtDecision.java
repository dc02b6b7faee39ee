package io.ticketsync.metrics;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What the uncaught-exception policy can decide, and why: the {@code decision} and {@code cause}
 * labels of {@code ticketsync_uncaught_decisions_total}. Listed here so every series exists, at
 * zero, before the first decision.
 */
public enum UncaughtDecision {
    REPLACED_RECOVERABLE(StreamThreadExceptionResponse.REPLACE_THREAD, "recoverable"),
    REPLACED_BROKER_FAULT(StreamThreadExceptionResponse.REPLACE_THREAD, "broker-fault"),
    SHUT_DOWN_FATAL(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, "fatal"),
    SHUT_DOWN_BUDGET_SPENT(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, "budget-spent"),
    SHUT_DOWN_BROKER_BUDGET_SPENT(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, "broker-budget-spent");

    private final StreamThreadExceptionResponse response;
    private final String cause;

    UncaughtDecision(final StreamThreadExceptionResponse response, final String cause) {
        this.response = response;
        this.cause = cause;
    }

    public StreamThreadExceptionResponse response() {
        return response;
    }

    public String cause() {
        return cause;
    }
}
