package io.ticketsync.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One endpoint (a GET, or the preview's POST). It answers by completing {@code callback}, now or later (a forwarded query
 * completes it when the owner answers, holding no server thread meanwhile).
 */
@FunctionalInterface
interface Endpoint {

    void get(Request request, Response response, Callback callback);
}
