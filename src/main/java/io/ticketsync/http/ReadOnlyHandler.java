package io.ticketsync.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Base of every endpoint: only GET and HEAD, no request body, bounded URLs, and an unexpected
 * failure becomes a 500 with a short message instead of a dropped connection.
 */
abstract class ReadOnlyHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyHandler.class);
    /** Longer than any legitimate request (a ticket id is at most 64 characters). */
    static final int MAX_URI_LENGTH = 1024;

    @Override
    public final void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                HttpResponses.error(exchange, 405, "method " + method + " not allowed; this API is read-only");
                return;
            }
            if (hasBody(exchange)) {
                HttpResponses.error(exchange, 413, "request bodies are not accepted");
                return;
            }
            if (exchange.getRequestURI().toString().length() > MAX_URI_LENGTH) {
                HttpResponses.error(exchange, 414, "request URI longer than " + MAX_URI_LENGTH + " characters");
                return;
            }
            get(exchange);
        } catch (final RuntimeException e) {
            LOG.error("HTTP {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            HttpResponses.error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    abstract void get(HttpExchange exchange) throws IOException;

    private static boolean hasBody(final HttpExchange exchange) {
        final String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || (length != null && !length.trim().equals("0"));
    }
}
