package io.ticketsync.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.function.Supplier;

/** {@code /metrics}: Prometheus text format. */
final class MetricsEndpoint implements Endpoint {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;

    MetricsEndpoint(final Supplier<String> scrape) {
        this.scrape = scrape;
    }

    @Override
    public void get(final Request request, final Response response, final Callback callback) {
        HttpResponses.send(response, callback, 200, PROMETHEUS_TEXT, HttpResponses.utf8(scrape.get()));
    }
}
