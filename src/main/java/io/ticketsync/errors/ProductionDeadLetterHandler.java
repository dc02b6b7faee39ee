package io.ticketsync.errors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Dead-letters results the output topic (or its serializer) refuses. Never resumes past a failed
 * dead-letter write: that would lose the record, so the task fails and its offset stays
 * uncommitted. Transient send errors are retried by reprocessing from the last commit.
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
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return route(context, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(final ErrorHandlerContext context,
                                             final ProducerRecord record,
                                             final Exception exception,
                                             final SerializationExceptionOrigin origin) {
        return route(context, exception);
    }

    private Response route(final ErrorHandlerContext context, final Exception exception) {
        if (!router.isPoison(exception)) {
            router.logFailure(ErrorStage.PRODUCTION, context, exception);
            return Response.fail();
        }
        // After a record is handed to the producer Kafka Streams releases the input bytes; an
        // asynchronous refusal then has no original to dead-letter, and the task fails instead.
        return router.deadLetterOfSource(ErrorStage.PRODUCTION, Reason.RECORD_REJECTED, context, exception)
                .map(deadLetter -> Response.resume(List.of(deadLetter)))
                .orElseGet(Response::fail);
    }
}
