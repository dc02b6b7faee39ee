package io.ticketsync.deadletter.routing;

import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.topology.FallbackTimestampExtractor;
import io.ticketsync.topology.TimestampWindow;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one place that builds dead-letter records: original key, value and headers untouched, plus
 * Kafka Streams' KIP-1034 headers and ticket-sync's stage/reason/origin headers. Two exceptions
 * keep every dead letter writable: a timestamp the written topics would refuse (negative, or
 * outside their {@link TimestampWindow}) is not copied (the producer stamps the dead letter with
 * the send time; the original goes in a header), and a dead letter over
 * {@code dlq.max.record.bytes} leaves parts out ({@link DeadLetterSizeLimit}).
 */
public final class DeadLetterRecordFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecordFactory.class);

    private final String topic;
    private final String applicationId;
    private final int stackTraceMaxBytes;
    private final int messageMaxChars;
    private final DeadLetterSizeLimit sizeLimit;
    private final TimestampWindow accepted;
    private final LongSupplier wallClock;

    /** With Kafka's default timestamp window, as before the cluster is asked. */
    public DeadLetterRecordFactory(final TicketSyncConfig config) {
        this(config, TimestampWindow.KAFKA_DEFAULT, System::currentTimeMillis);
    }

    /** @param accepted the timestamps the written topics accept, as the startup check read them */
    public DeadLetterRecordFactory(final TicketSyncConfig config, final TimestampWindow accepted,
                                   final LongSupplier wallClock) {
        this.accepted = accepted;
        this.wallClock = wallClock;
        this.topic = config.topics().deadLetter();
        this.applicationId = config.applicationId();
        this.stackTraceMaxBytes = config.limits().stackTraceMaxBytes();
        this.messageMaxChars = config.limits().messageMaxChars();
        this.sizeLimit = new DeadLetterSizeLimit(config.limits().dlqMaxRecordBytes());
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
        final boolean keepTimestamp = accepted.accepts(context.timestamp(), wallClock.getAsLong());
        final DeadLetterParts full = new DeadLetterParts(originalKey, originalValue, originalHeaders(context),
                errorHeaders(stage, reason, context, exception, keepTimestamp));
        final DeadLetterSizeLimit.Fitted fitted = sizeLimit.fit(full);
        if (!fitted.omitted().isEmpty()) {
            LOG.warn("Dead letter for {}-{}@{} is {} bytes, over dlq.max.record.bytes={}; left out: {}{}",
                    context.topic(), context.partition(), context.offset(), full.sizeInBytes(), sizeLimit.maxBytes(),
                    String.join(",", fitted.omitted()),
                    fitted.fits(sizeLimit.maxBytes()) ? "" : " (still over the limit: raise dlq.max.record.bytes)");
        }
        final DeadLetterParts parts = fitted.parts();
        // Null: the producer stamps the send time, which the dead-letter topic accepts.
        return new ProducerRecord<>(topic, null, keepTimestamp ? context.timestamp() : null, parts.key(), parts.value(),
                List.of(parts.headers()));
    }

    /**
     * Every original header except stale error headers from an earlier dead-lettering and the
     * timestamp extractor's own (the record did not carry it; a replay gets it anew if needed).
     */
    private static List<Header> originalHeaders(final ErrorHandlerContext context) {
        final List<Header> kept = new ArrayList<>();
        if (context.headers() != null) {
            for (final Header header : context.headers()) {
                if (!DeadLetterHeaders.ALL.contains(header.key())
                        && !FallbackTimestampExtractor.ORIGINAL_TIMESTAMP.equals(header.key())) {
                    kept.add(header);
                }
            }
        }
        return kept;
    }

    private List<Header> errorHeaders(final ErrorStage stage, final Reason reason, final ErrorHandlerContext context,
                                      final Exception exception, final boolean keepTimestamp) {
        final List<Header> headers = new ArrayList<>(List.of(
                header(DeadLetterHeaders.EXCEPTION, utf8(exception.getClass().getName())),
                header(DeadLetterHeaders.MESSAGE, utf8(message(exception))),
                header(DeadLetterHeaders.STACKTRACE, Utf8Truncation.truncate(stackTrace(exception), stackTraceMaxBytes)),
                header(DeadLetterHeaders.TOPIC, utf8(context.topic())),
                header(DeadLetterHeaders.PARTITION, utf8(String.valueOf(context.partition()))),
                header(DeadLetterHeaders.OFFSET, utf8(String.valueOf(context.offset()))),
                header(DeadLetterHeaders.STAGE, utf8(stage.name())),
                header(DeadLetterHeaders.REASON, utf8(reason.code())),
                header(DeadLetterHeaders.APPLICATION_ID, utf8(applicationId)),
                header(DeadLetterHeaders.TASK_ID, utf8(String.valueOf(context.taskId()))),
                header(DeadLetterHeaders.PROCESSOR_NODE, utf8(context.processorNodeId()))));
        originalTimestamp(stage, context, keepTimestamp).ifPresent(original ->
                headers.add(header(DeadLetterHeaders.ORIGINAL_TIMESTAMP, utf8(original))));
        return headers;
    }

    /**
     * The input record's own timestamp when the dead letter does not carry it: after the timestamp
     * extractor (processing stage) the context holds its substitute and the original is in the
     * extractor's header; before it (deserialization stage) the context holds the raw timestamp,
     * and a header of that name came from outside.
     */
    private static Optional<String> originalTimestamp(final ErrorStage stage, final ErrorHandlerContext context,
                                                      final boolean keepTimestamp) {
        if (stage != ErrorStage.DESERIALIZATION && context.headers() != null) {
            final Header replaced = context.headers().lastHeader(FallbackTimestampExtractor.ORIGINAL_TIMESTAMP);
            if (replaced != null && replaced.value() != null) {
                return Optional.of(new String(replaced.value(), StandardCharsets.UTF_8));
            }
        }
        return keepTimestamp ? Optional.empty() : Optional.of(String.valueOf(context.timestamp()));
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

    private static Header header(final String name, final byte[] value) {
        return new RecordHeader(name, value);
    }

    private static byte[] utf8(final String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
