package io.ticketsync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketsync.codec.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes responses in the right order: status, headers, then the body's exact UTF-8 bytes. */
final class HttpResponses {

    static final String JSON = "application/json; charset=utf-8";

    private HttpResponses() {
    }

    static void json(final Response response, final Callback callback, final int status, final Object body) {
        final byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode response", e);
        }
        send(response, callback, status, JSON, bytes);
    }

    static void error(final Response response, final Callback callback, final int status, final String message) {
        json(response, callback, status, Map.of("error", message));
    }

    /** The body is written for HEAD too: Jetty drops it and keeps the Content-Length it announces. */
    static void send(final Response response, final Callback callback, final int status, final String contentType,
                     final byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
