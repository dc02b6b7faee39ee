package io.ticketsync.console;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes the console's answers: a page, the error page, a redirect, a plain-text body. */
final class Answers {

    private final ConsolePages pages;

    Answers(final ConsolePages pages) {
        this.pages = pages;
    }

    String render(final String page, final Map<String, Object> model) {
        return pages.render(page, model);
    }

    boolean page(final Response response, final Callback callback, final int status, final String html) {
        return write(response, callback, status, "text/html; charset=utf-8", html);
    }

    boolean error(final Response response, final Callback callback, final int status, final String title, final String message) {
        return page(response, callback, status, errorPage(title, message));
    }

    String errorPage(final String title, final String message) {
        return pages.render("error", Map.of("title", title, "message", message == null ? "" : message));
    }

    static boolean write(final Response response, final Callback callback, final int status, final String contentType,
                         final String text) {
        final byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    static boolean redirect(final Response response, final Callback callback, final String location) {
        response.setStatus(303);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, null, callback);
        return true;
    }
}
