package io.ticketsync.deadletter.routing;

import java.util.Set;

/** Names of the headers a dead letter carries on top of the original record's own. */
public final class DeadLetterHeaders {

    // Kafka Streams' own (KIP-1034) names, repeated here because Kafka keeps its constants internal.
    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    public static final String STAGE = "ticketsync.error.stage";
    public static final String REASON = "ticketsync.error.reason";
    public static final String APPLICATION_ID = "ticketsync.application.id";
    public static final String TASK_ID = "ticketsync.task.id";
    public static final String PROCESSOR_NODE = "ticketsync.processor.node";
    /**
     * The input record's own timestamp when the dead letter does not carry it (negative, or outside
     * what the written topics accept): the dead letter then gets the producer's send time.
     */
    public static final String ORIGINAL_TIMESTAMP = "ticketsync.error.original.timestamp";
    /** What was left out to keep the dead letter under {@code dlq.max.record.bytes}, e.g. {@code stacktrace,message,value}. */
    public static final String OMITTED = "ticketsync.error.omitted";

    /** Values of {@link #OMITTED} that mean part of the original record itself is gone. */
    public static final String OMITTED_VALUE = "value";
    public static final String OMITTED_HEADERS = "headers";
    public static final String OMITTED_KEY = "key";
    /** A letter missing any of these is no longer the record that failed: it must not be replayed. */
    public static final Set<String> OMITTED_ORIGINAL_PARTS = Set.of(OMITTED_VALUE, OMITTED_HEADERS, OMITTED_KEY);

    /** Not ours: the W3C trace context of the original record, which every copy of it keeps. */
    public static final String TRACEPARENT = "traceparent";

    /** Every header a dead letter adds; a copy of the original headers never keeps stale ones. */
    public static final Set<String> ALL = Set.of(EXCEPTION, MESSAGE, STACKTRACE, TOPIC, PARTITION, OFFSET,
            STAGE, REASON, APPLICATION_ID, TASK_ID, PROCESSOR_NODE, ORIGINAL_TIMESTAMP, OMITTED);

    /**
     * The headers only some dead letters carry: those of an input with a timestamp not kept, and
     * those over {@code dlq.max.record.bytes} (which then also lack the message and stack trace).
     */
    public static final Set<String> CONDITIONAL = Set.of(ORIGINAL_TIMESTAMP, OMITTED);

    private DeadLetterHeaders() {
    }
}
