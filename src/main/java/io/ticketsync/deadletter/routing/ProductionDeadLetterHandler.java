package io.ticketsync.deadletter.routing;

import io.ticketsync.failure.ErrorStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Never dead-letters: every failure to write fails the task, so the input offset stays uncommitted
 * and the record is processed again. A record the producer or broker refuses: under
 * exactly_once_v2 the refusal has already doomed the transaction, and by then Kafka Streams has
 * released the input bytes a faithful dead letter needs (the processor checks sizes before
 * forwarding, so a well configured output topic never refuses). An output serializer that throws:
 * the processor has already moved on when the sink serializes, and resuming would advance the
 * ticket's state without its output; failing aborts the transaction, the store change with it.
 * A failed dead-letter write: resuming would lose the record. Transient send errors are retried.
 */
public final class ProductionDeadLetterHandler extends RoutingHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProductionDeadLetterHandler.class);

    @Override
    public Response handleError(final ErrorHandlerContext context,
                                final ProducerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (router.isDeadLetterTopic(record.topic())) {
            LOG.error("Writing a dead letter for {}-{}@{} to {} failed; failing the task so the record is not lost",
                    context.topic(), context.partition(), context.offset(), record.topic(), exception);
            return Response.fail();
        }
        if (router.isTransient(ErrorStage.PRODUCTION, exception)) {
            return Response.retry();
        }
        router.logFailure(ErrorStage.PRODUCTION, context, exception, record.topic() + " refused the record");
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(final ErrorHandlerContext context,
                                             final ProducerRecord record,
                                             final Exception exception,
                                             final SerializationExceptionOrigin origin) {
        router.logFailure(ErrorStage.PRODUCTION, context, exception, "the " + origin.name().toLowerCase(Locale.ROOT)
                + " serializer of " + record.topic() + " threw; resuming would advance the ticket's state without its"
                + " output, so the transaction aborts and the record is processed again");
        return Response.fail();
    }
}
