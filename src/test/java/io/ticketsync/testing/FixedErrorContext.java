package io.ticketsync.testing;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

import java.nio.charset.StandardCharsets;

/** An {@link ErrorHandlerContext} with fixed values, for calling handlers directly. */
public record FixedErrorContext(String topic, int partition, long offset, Headers headers, String processorNodeId,
                                TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
        implements ErrorHandlerContext {

    /** Input record tickets.changes-2@42 with key T-1 and the given raw value (null: already freed). */
    public static FixedErrorContext atSink(final byte[] rawValue) {
        return new FixedErrorContext("tickets.changes", 2, 42, new RecordHeaders(), "synced-tickets-sink",
                new TaskId(0, 2), 1_000L, rawValue == null ? null : "T-1".getBytes(StandardCharsets.UTF_8), rawValue);
    }
}
