package io.ticketsync.deadletter.routing;

import io.ticketsync.failure.ErrorStage;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Dead-letters records that business logic rejects or throws on, then lets processing resume.
 * Infrastructure failures (Kafka exceptions: state store, send, migration) fail the task instead.
 */
public final class ProcessingDeadLetterHandler extends RoutingHandler implements ProcessingExceptionHandler {

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        return router.routeSource(ErrorStage.PROCESSING, context, exception, Response::resume, Response::fail);
    }
}
