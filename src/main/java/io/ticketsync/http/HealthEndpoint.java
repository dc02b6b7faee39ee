package io.ticketsync.http;

import io.ticketsync.guard.HealthReport;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /health/live} or {@code /health/ready}: 200 when up, 503 otherwise, a JSON body either way. */
final class HealthEndpoint implements Endpoint {

    private final Supplier<HealthReport> check;

    HealthEndpoint(final Supplier<HealthReport> check) {
        this.check = check;
    }

    @Override
    public void get(final Request request, final Response response, final Callback callback) {
        final HealthReport report = check.get();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.up() ? "UP" : "DOWN");
        body.put("state", report.state());
        body.put("threads", report.threads());
        body.put("reasons", report.reasons());
        HttpResponses.json(response, callback, report.up() ? 200 : 503, body);
    }
}
