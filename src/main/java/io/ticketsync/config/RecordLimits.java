package io.ticketsync.config;

import static io.ticketsync.config.ConfigKeys.DLQ_MAX_RECORD_BYTES;
import static io.ticketsync.config.ConfigKeys.DLQ_MESSAGE_MAX_CHARS;
import static io.ticketsync.config.ConfigKeys.DLQ_STACKTRACE_MAX_BYTES;
import static io.ticketsync.config.ConfigKeys.OUTPUT_MAX_RECORD_BYTES;

/**
 * How large the records ticket-sync writes may be, as far as the configuration alone tells.
 * What the topics accept ({@code max.message.bytes}) only the cluster knows: {@code run}'s startup
 * check compares these limits with it.
 *
 * @param stackTraceMaxBytes     cap on the UTF-8 size of the {@code __streams.errors.stacktrace} header
 * @param messageMaxChars        cap on the length of the {@code __streams.errors.message} header
 * @param dlqMaxRecordBytes      largest dead letter, measured as the producer measures a record; a
 *                               larger one is sent with its least useful parts left out
 * @param outputMaxRecordBytes   largest record a change may write, headers included: the output
 *                               record and the stored state's changelog record; a change over it is
 *                               dead-lettered at the PROCESSING stage
 * @param producerMaxRequestSize the application producer's {@code max.request.size}, and the key it came from
 */
public record RecordLimits(int stackTraceMaxBytes, int messageMaxChars, int dlqMaxRecordBytes, int outputMaxRecordBytes,
                           ProducerLimit producerMaxRequestSize) {

    /** The producer's largest request, the key it was read from, and whether it is Kafka's default. */
    public record ProducerLimit(int bytes, String key, boolean kafkaDefault) {

        /** E.g. "max.request.size 1048576 (Kafka's default)". */
        public String describe() {
            return key + " " + bytes + (kafkaDefault ? " (Kafka's default)" : "");
        }
    }

    static RecordLimits read(final RawConfig raw, final KafkaSettings kafka) {
        final KafkaSettings.MaxRequestSize producer = kafka.maxRequestSize(raw);
        final ProducerLimit producerLimit = new ProducerLimit(producer.bytes(), producer.key(), producer.kafkaDefault());
        return new RecordLimits(raw.positiveInt(DLQ_STACKTRACE_MAX_BYTES), raw.positiveInt(DLQ_MESSAGE_MAX_CHARS),
                withinProducerLimit(raw, DLQ_MAX_RECORD_BYTES, producerLimit),
                withinProducerLimit(raw, OUTPUT_MAX_RECORD_BYTES, producerLimit), producerLimit);
    }

    /**
     * Dead letters, output and changelog records go out through the application's own producer,
     * which refuses any record over its {@code max.request.size}: a limit above that could never be
     * met, and an output or changelog record the producer refuses fails the task on every retry.
     */
    private static int withinProducerLimit(final RawConfig raw, final String key, final ProducerLimit producer) {
        final int limit = raw.positiveInt(key);
        if (limit > producer.bytes()) {
            throw raw.invalid(key, "'" + key + "' is " + limit + " but the producer's " + producer.describe()
                    + ": lower '" + key + "' or raise '" + producer.key() + "'");
        }
        return limit;
    }
}
