package io.ticketsync.console;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answers Jetty gives itself (a page that threw, a malformed request, headers over the limit):
 * Jetty clears the headers before it asks for them, so they get the security headers here, and the
 * console's error page. A server error names no exception: the log does.
 */
final class ConsoleErrorHandler extends ErrorHandler {

    private final Answers pages;
    private final SecurityHeaders security;

    ConsoleErrorHandler(final Answers pages, final SecurityHeaders security) {
        this.pages = pages;
        this.security = security;
    }

    @Override
    protected void generateResponse(final Request request, final Response response, final int code, final String message,
                                    final Throwable cause, final Callback callback) {
        final String reason = HttpStatus.getMessage(code);
        final String explanation = code < 500 && message != null ? message : "the console could not answer; its log says why";
        final byte[] body = pages.render("error", Map.of("title", reason, "message", explanation))
                .getBytes(StandardCharsets.UTF_8);
        security.apply(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
