package io.ticketsync.http;

import io.ticketsync.topology.ChangePreview;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /tickets/{id}/preview}: what the instance that owns the ticket would do with the
 * change in the body (a TicketChange value), writing nothing; routed like {@code GET /tickets/{id}}
 * (this instance, or the owner it forwards to once). A body that does not decode is an answer, not
 * an error: {@code DEAD_LETTER} with the decoder's reason. 400 bad id, 413 body over
 * {@link #MAX_BODY_BYTES}, 503 while the store cannot be queried.
 */
final class PreviewEndpoint implements Endpoint {

    static final String SUFFIX = "/preview";
    /** As large as a dead letter's value can usefully be; the body is held in memory. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PreviewEndpoint.class);

    private final TicketLookup lookup;
    private final OwnerForwarder forwarder;
    private final ChangePreview preview;

    PreviewEndpoint(final TicketLookup lookup, final OwnerForwarder forwarder, final ChangePreview preview) {
        this.lookup = lookup;
        this.forwarder = forwarder;
        this.preview = preview;
    }

    /** Whether {@code path} is {@code /tickets/{id}/preview} with a non-empty id. */
    static boolean matches(final String path) {
        return path.startsWith(TicketEndpoint.PREFIX) && path.endsWith(SUFFIX)
                && path.length() > TicketEndpoint.PREFIX.length() + SUFFIX.length();
    }

    @Override
    public void get(final Request request, final Response response, final Callback callback) {
        final String path = Request.getPathInContext(request);
        final String id = path.substring(TicketEndpoint.PREFIX.length(), path.length() - SUFFIX.length());
        if (request.getLength() > MAX_BODY_BYTES) {
            tooLarge(response, callback);
            return;
        }
        if (!TicketEndpoint.checkId(id, response, callback)) {
            return;
        }
        // Read without holding a thread: a client that sends its body slowly costs a connection only.
        Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
            try {
                if (failure != null) {
                    tooLarge(response, callback);
                } else {
                    answer(request, response, callback, id, body);
                }
            } catch (final RuntimeException e) {
                LOG.error("HTTP preview of {} failed", id, e);
                HttpResponses.error(response, callback, 500, "internal error: " + e.getClass().getSimpleName());
            }
        });
    }

    private void answer(final Request request, final Response response, final Callback callback, final String id,
                        final byte[] body) {
        final TicketLookup.Owner owner = lookup.ownerOf(id);
        if (owner instanceof TicketLookup.Unavailable unavailable) {
            HttpResponses.error(response, callback, 503, unavailable.why());
        } else if (owner instanceof TicketLookup.Remote remote) {
            forwarder.forward(request, response, callback, remote.host(), id, SUFFIX, body);
        } else {
            LocalState.answer(response, callback, () -> lookup.localState(id),
                    state -> HttpResponses.json(response, callback, 200, preview.preview(id, body, state)));
        }
    }

    private static void tooLarge(final Response response, final Callback callback) {
        // The rest of the body is not read: the connection cannot carry another request.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        HttpResponses.error(response, callback, 413, "the change must be at most " + MAX_BODY_BYTES + " bytes");
    }
}
