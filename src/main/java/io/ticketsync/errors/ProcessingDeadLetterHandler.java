package io.ticketsync.errors;

import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;

/**
 * Dead-letters records that business logic rejects or throws on, then lets processing resume.
 * Infrastructure failures (Kafka exceptions: state store, send, migration) fail the task instead.
 */
public final class ProcessingDeadLetterHandler extends RoutingHandler implements ProcessingExceptionHandler {

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        if (!router.isPoison(exception)) {
            router.logFailure(ErrorStage.PROCESSING, context, exception);
            return Response.fail();
        }
        return router.deadLetterOfSource(ErrorStage.PROCESSING, Reason.UNEXPECTED_EXCEPTION, context, exception)
                .map(deadLetter -> Response.resume(List.of(deadLetter)))
                .orElseGet(Response::fail);
    }
}
