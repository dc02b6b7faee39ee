package io.ticketsync.http;

import io.ticketsync.failure.UnreadableStoreValueException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** Reads this instance's store for an endpoint, answering for it when the store cannot say. */
final class LocalState {

    private LocalState() {
    }

    /** Hands what {@code read} returns to {@code answer}; 503 while the store cannot be queried, 500 for a value it cannot decode. */
    static <T> void answer(final Response response, final Callback callback, final Supplier<T> read, final Consumer<T> answer) {
        final T value;
        try {
            value = read.get();
        } catch (final InvalidStateStoreException e) {
            HttpResponses.error(response, callback, 503, "store not queryable right now: " + e.getMessage());
            return;
        } catch (final UnreadableStoreValueException e) {
            // Not transient, so not 503: asking again meets the same value.
            HttpResponses.error(response, callback, 500, e.getMessage());
            return;
        }
        answer.accept(value);
    }
}
