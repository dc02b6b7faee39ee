package io.ticketsync.http;

import com.sun.net.httpserver.HttpExchange;
import io.ticketsync.metrics.TicketSyncMetrics;

import java.io.IOException;

/** {@code /metrics}: Prometheus text format. */
final class MetricsHandler extends ReadOnlyHandler {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final TicketSyncMetrics metrics;

    MetricsHandler(final TicketSyncMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    void get(final HttpExchange exchange) throws IOException {
        HttpResponses.send(exchange, 200, PROMETHEUS_TEXT, HttpResponses.utf8(metrics.scrape()));
    }
}
