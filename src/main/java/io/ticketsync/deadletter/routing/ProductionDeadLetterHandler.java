package io.ticketsync.deadletter.routing;

import io.ticketsync.failure.ErrorStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters results an output serializer refuses. A record the producer or broker refuses fails
 * the task instead: under exactly_once_v2 the refusal has already doomed the transaction, and by
 * then Kafka Streams has released the input bytes a faithful dead letter needs (the processor
 * checks sizes before forwarding, so a well configured output topic never refuses). Never resumes
 * past a failed dead-letter write either: that would lose the record. Transient send errors are
 * retried by reprocessing from the last commit.
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
        return router.routeSource(ErrorStage.PRODUCTION, context, exception, Response::resume, Response::fail);
    }
}
