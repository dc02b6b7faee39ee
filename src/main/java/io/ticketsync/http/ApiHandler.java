package io.ticketsync.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The one handler: refuses what a read-only API never accepts (other methods 405, request bodies
 * 413 except a preview's, long URIs 414), routes to the endpoint, and turns an unexpected failure into a 500 with a
 * short message instead of a dropped connection.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** Longer than any legitimate request (a ticket id is at most 64 characters). */
    static final int MAX_URI_LENGTH = 1024;

    private final Map<String, Endpoint> byPath;
    private final Endpoint tickets;
    private final Endpoint preview;

    /**
     * @param byPath  endpoints by exact path; {@code tickets} answers everything under {@link TicketEndpoint#PREFIX}
     * @param preview answers the POSTs to {@code /tickets/{id}/preview}
     */
    ApiHandler(final Map<String, Endpoint> byPath, final Endpoint tickets, final Endpoint preview) {
        this.byPath = Map.copyOf(byPath);
        this.tickets = tickets;
        this.preview = preview;
    }

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback) {
        try {
            final String method = request.getMethod();
            final String path = Request.getPathInContext(request);
            // The preview is the one endpoint that takes a body (a change to look at, never to store).
            final boolean preview = PreviewEndpoint.matches(path);
            if (hasBody(request) && !preview) {
                // The body is never read: say so, or a client may send its next request on a
                // connection Jetty closes once it gives up on the unread body.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            if (preview ? !"POST".equals(method) : !"GET".equals(method) && !"HEAD".equals(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, preview ? "POST" : "GET, HEAD");
                HttpResponses.error(response, callback, 405, "method " + method + " not allowed; "
                        + (preview ? "a preview is POSTed" : "this API is read-only"));
            } else if (hasBody(request) && !preview) {
                HttpResponses.error(response, callback, 413, "request bodies are not accepted");
            } else if (request.getHttpURI().getPathQuery().length() > MAX_URI_LENGTH) {
                HttpResponses.error(response, callback, 414, "request URI longer than " + MAX_URI_LENGTH + " characters");
            } else if (preview) {
                this.preview.get(request, response, callback);
            } else {
                route(path).get(request, response, callback);
            }
        } catch (final RuntimeException e) {
            LOG.error("HTTP {} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                HttpResponses.error(response, callback, 500, "internal error: " + e.getClass().getSimpleName());
            }
        }
        return true;
    }

    private Endpoint route(final String path) {
        if (path.startsWith(TicketEndpoint.PREFIX)) {
            return tickets;
        }
        return byPath.getOrDefault(path, (request, response, callback) -> HttpResponses.error(response, callback, 404,
                "no such endpoint; try /health/live, /health/ready, /metrics, /tickets/{id}, POST /tickets/{id}/preview"));
    }

    private static boolean hasBody(final Request request) {
        return request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING) || request.getLength() > 0;
    }
}
