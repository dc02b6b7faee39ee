package io.ticketsync.config;

import static io.ticketsync.config.ConfigKeys.DLQ_MAX_RECORD_BYTES;
import static io.ticketsync.config.ConfigKeys.DLQ_MESSAGE_MAX_CHARS;
import static io.ticketsync.config.ConfigKeys.DLQ_STACKTRACE_MAX_BYTES;
import static io.ticketsync.config.ConfigKeys.OUTPUT_MAX_RECORD_BYTES;

/**
 * How large the records ticket-sync writes may be.
 *
 * @param stackTraceMaxBytes   cap on the UTF-8 size of the {@code __streams.errors.stacktrace} header
 * @param messageMaxChars      cap on the length of the {@code __streams.errors.message} header
 * @param dlqMaxRecordBytes    largest dead letter, measured as the producer measures a record; a
 *                             larger one is sent with its least useful parts left out
 * @param outputMaxRecordBytes largest record a change may write, headers included: the output
 *                             record and the stored state's changelog record; a change over it is
 *                             dead-lettered at the PROCESSING stage
 */
public record RecordLimits(int stackTraceMaxBytes, int messageMaxChars, int dlqMaxRecordBytes, int outputMaxRecordBytes) {

    static RecordLimits read(final RawConfig raw, final KafkaSettings kafka) {
        return new RecordLimits(raw.positiveInt(DLQ_STACKTRACE_MAX_BYTES), raw.positiveInt(DLQ_MESSAGE_MAX_CHARS),
                dlqMaxRecordBytesWithinProducerLimit(raw, kafka), raw.positiveInt(OUTPUT_MAX_RECORD_BYTES));
    }

    /**
     * A dead letter goes out through the application's own producer, which refuses any record over
     * its {@code max.request.size}: a limit above that could never be met.
     */
    private static int dlqMaxRecordBytesWithinProducerLimit(final RawConfig raw, final KafkaSettings kafka) {
        final int limit = raw.positiveInt(DLQ_MAX_RECORD_BYTES);
        final KafkaSettings.MaxRequestSize producer = kafka.maxRequestSize(raw);
        if (limit > producer.bytes()) {
            throw new InvalidConfigException("'" + DLQ_MAX_RECORD_BYTES + "' is " + limit + " but the producer's "
                    + producer.key() + " is " + producer.bytes() + (producer.kafkaDefault() ? " (Kafka's default)" : "")
                    + ": lower '" + DLQ_MAX_RECORD_BYTES + "' or raise '" + producer.key() + "'");
        }
        return limit;
    }
}
