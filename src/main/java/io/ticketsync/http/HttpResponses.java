package io.ticketsync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import io.ticketsync.codec.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes responses in the right order: status, headers, then the body's exact UTF-8 bytes. */
final class HttpResponses {

    static final String JSON = "application/json; charset=utf-8";

    private HttpResponses() {
    }

    static void json(final HttpExchange exchange, final int status, final Object body) throws IOException {
        final byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (final JsonProcessingException e) {
            throw new IOException("cannot encode response", e);
        }
        send(exchange, status, JSON, bytes);
    }

    static void error(final HttpExchange exchange, final int status, final String message) throws IOException {
        json(exchange, status, Map.of("error", message));
    }

    static void send(final HttpExchange exchange, final int status, final String contentType, final byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
