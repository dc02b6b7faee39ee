package io.ticketsync.http;

import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.failure.UnreadableStoreValueException;
import io.ticketsync.model.SyncedTicket;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Optional;

/**
 * {@code GET /tickets/{id}}: the ticket's current snapshot, answered by whichever instance owns the
 * key (this one, or the owner it forwards to once). 400 bad id, 404 unknown or deleted, 503 while
 * the store cannot be queried.
 */
final class TicketEndpoint implements Endpoint {

    static final String PREFIX = "/tickets/";

    private final TicketLookup lookup;
    private final OwnerForwarder forwarder;

    TicketEndpoint(final TicketLookup lookup, final OwnerForwarder forwarder) {
        this.lookup = lookup;
        this.forwarder = forwarder;
    }

    @Override
    public void get(final Request request, final Response response, final Callback callback) {
        final String id = Request.getPathInContext(request).substring(PREFIX.length());
        if (id.isEmpty() || id.length() > TicketChangeDecoder.MAX_TICKET_ID_LENGTH || id.contains("/")) {
            HttpResponses.error(response, callback, 400, "ticket id must be 1-" + TicketChangeDecoder.MAX_TICKET_ID_LENGTH
                    + " characters without '/'");
            return;
        }
        final TicketLookup.Owner owner = lookup.ownerOf(id);
        if (owner instanceof TicketLookup.Unavailable unavailable) {
            HttpResponses.error(response, callback, 503, unavailable.why());
        } else if (owner instanceof TicketLookup.Remote remote) {
            forwarder.forward(request, response, callback, remote.host(), id);
        } else {
            answerLocally(response, callback, id);
        }
    }

    private void answerLocally(final Response response, final Callback callback, final String id) {
        final Optional<SyncedTicket> snapshot;
        try {
            snapshot = lookup.localSnapshot(id);
        } catch (final InvalidStateStoreException e) {
            HttpResponses.error(response, callback, 503, "store not queryable right now: " + e.getMessage());
            return;
        } catch (final UnreadableStoreValueException e) {
            // Not transient, so not 503: asking again meets the same value.
            HttpResponses.error(response, callback, 500, e.getMessage());
            return;
        }
        if (snapshot.isPresent()) {
            HttpResponses.json(response, callback, 200, snapshot.get());
        } else {
            HttpResponses.error(response, callback, 404, "no ticket " + id);
        }
    }
}
