package io.ticketsync.errors;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * The one place that builds dead-letter records: original key, value and headers untouched, plus
 * Kafka Streams' KIP-1034 headers and ticket-sync's stage/reason/origin headers.
 */
public final class DeadLetterRecordFactory {

    private final String topic;
    private final String applicationId;
    private final int stackTraceMaxBytes;
    private final int messageMaxChars;

    public DeadLetterRecordFactory(final TicketSyncConfig config) {
        this.topic = config.topics().deadLetter();
        this.applicationId = config.applicationId();
        this.stackTraceMaxBytes = config.stackTraceMaxBytes();
        this.messageMaxChars = config.messageMaxChars();
    }

    public String topic() {
        return topic;
    }

    public ProducerRecord<byte[], byte[]> build(final ErrorStage stage,
                                                final Reason reason,
                                                final ErrorHandlerContext context,
                                                final byte[] originalKey,
                                                final byte[] originalValue,
                                                final Exception exception) {
        final ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, null, context.timestamp(), originalKey, originalValue);
        if (context.headers() != null) {
            for (final Header header : context.headers()) {
                if (!DeadLetterHeaders.ALL.contains(header.key())) {
                    record.headers().add(header);
                }
            }
        }
        record.headers()
                .add(DeadLetterHeaders.EXCEPTION, utf8(exception.getClass().getName()))
                .add(DeadLetterHeaders.MESSAGE, utf8(message(exception)))
                .add(DeadLetterHeaders.STACKTRACE, Utf8Truncation.truncate(stackTrace(exception), stackTraceMaxBytes))
                .add(DeadLetterHeaders.TOPIC, utf8(context.topic()))
                .add(DeadLetterHeaders.PARTITION, utf8(String.valueOf(context.partition())))
                .add(DeadLetterHeaders.OFFSET, utf8(String.valueOf(context.offset())))
                .add(DeadLetterHeaders.STAGE, utf8(stage.name()))
                .add(DeadLetterHeaders.REASON, utf8(reason.code()))
                .add(DeadLetterHeaders.APPLICATION_ID, utf8(applicationId))
                .add(DeadLetterHeaders.TASK_ID, utf8(String.valueOf(context.taskId())))
                .add(DeadLetterHeaders.PROCESSOR_NODE, utf8(context.processorNodeId()));
        return record;
    }

    private String message(final Exception exception) {
        final String message = String.valueOf(exception.getMessage());
        if (message.length() <= messageMaxChars) {
            return message;
        }
        // Do not cut a surrogate pair in half.
        final int cut = Character.isHighSurrogate(message.charAt(messageMaxChars - 1)) ? messageMaxChars - 1 : messageMaxChars;
        return message.substring(0, cut) + "...";
    }

    private static String stackTrace(final Exception exception) {
        final StringWriter writer = new StringWriter();
        exception.printStackTrace(new PrintWriter(writer));
        return writer.toString();
    }

    private static byte[] utf8(final String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
