package io.ticketsync.http;

import io.ticketsync.codec.TicketChangeDecoder;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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
        if (!checkId(id, response, callback)) {
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
        LocalState.answer(response, callback, () -> lookup.localSnapshot(id), snapshot -> {
            if (snapshot.isPresent()) {
                HttpResponses.json(response, callback, 200, snapshot.get());
            } else {
                HttpResponses.error(response, callback, 404, "no ticket " + id);
            }
        });
    }

    /** Answers 400 and returns false unless {@code id} can be a ticket id. */
    static boolean checkId(final String id, final Response response, final Callback callback) {
        if (id.isEmpty() || id.length() > TicketChangeDecoder.MAX_TICKET_ID_LENGTH || id.contains("/")) {
            HttpResponses.error(response, callback, 400, "ticket id must be 1-" + TicketChangeDecoder.MAX_TICKET_ID_LENGTH
                    + " characters without '/'");
            return false;
        }
        return true;
    }
}
