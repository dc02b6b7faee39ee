package io.ticketsync.errors;

import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.util.List;

/** Dead-letters input records whose key or value cannot be decoded, then lets processing resume. */
public final class DeserializationDeadLetterHandler extends RoutingHandler implements DeserializationExceptionHandler {

    @Override
    public Response handleError(final ErrorHandlerContext context,
                                final ConsumerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (!router.isPoison(exception)) {
            router.logFailure(ErrorStage.DESERIALIZATION, context, exception);
            return Response.fail();
        }
        return Response.resume(List.of(router.deadLetter(
                ErrorStage.DESERIALIZATION, Reason.UNDECODABLE, context, record.key(), record.value(), exception)));
    }
}
