package io.ticketsync.deadletter.routing;

import io.ticketsync.failure.ErrorStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Dead-letters input records whose key or value cannot be decoded, then lets processing resume. */
public final class DeserializationDeadLetterHandler extends RoutingHandler implements DeserializationExceptionHandler {

    @Override
    public Response handleError(final ErrorHandlerContext context,
                                final ConsumerRecord<byte[], byte[]> record,
                                final Exception exception) {
        return router.route(ErrorStage.DESERIALIZATION, context, record.key(), record.value(), exception,
                Response::resume, Response::fail);
    }
}
