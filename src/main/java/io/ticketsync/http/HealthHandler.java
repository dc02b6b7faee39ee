package io.ticketsync.http;

import com.sun.net.httpserver.HttpExchange;
import io.ticketsync.runtime.HealthReport;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /health/live} or {@code /health/ready}: 200 when up, 503 otherwise, a JSON body either way. */
final class HealthHandler extends ReadOnlyHandler {

    private final Supplier<HealthReport> check;

    HealthHandler(final Supplier<HealthReport> check) {
        this.check = check;
    }

    @Override
    void get(final HttpExchange exchange) throws IOException {
        final HealthReport report = check.get();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.up() ? "UP" : "DOWN");
        body.put("state", report.state());
        body.put("threads", report.threads());
        body.put("reasons", report.reasons());
        HttpResponses.json(exchange, report.up() ? 200 : 503, body);
    }
}
