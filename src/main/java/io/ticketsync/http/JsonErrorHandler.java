package io.ticketsync.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (a malformed request line or header, bad percent-encoding, headers
 * over the size limit) get the same JSON body as ours, whatever the client accepts.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(final Request request, final Response response, final int code, final String message,
                                    final Throwable cause, final Callback callback) {
        HttpResponses.error(response, callback, code, message == null ? "error " + code : message);
    }
}
