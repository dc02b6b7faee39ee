package io.ticketsync.http;


import io.ticketsync.guard.HealthReport;
import io.ticketsync.topology.ChangePreview;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The read-only HTTP API: health, metrics, ticket lookups and previews of a change (which write nothing), on Jetty's NIO server. A client that
 * sends a request slowly holds a connection but no thread, an idle or half-sent connection is closed
 * after {@link HttpLimits#idleTimeout()}, connections are capped, and forwarded queries run
 * asynchronously: neither can keep the probes from answering.
 */
public final class HttpApi implements AutoCloseable {

    /** Handlers never wait on the network, so a few threads serve every request. */
    private static final int MAX_THREADS = 16;

    private final JettyServer server;

    private HttpApi(final JettyServer server) {
        this.server = server;
    }

    /**
     * Starts serving. {@code /metrics}, {@code /tickets/{id}} and its {@code /preview} need the token when one is set;
     * {@code /health/*} stay open for the orchestrator's probes.
     */
    public static HttpApi start(final HttpSettings settings, final Supplier<HealthReport> liveness,
                                final Supplier<HealthReport> readiness, final Supplier<String> metrics,
                                final TicketLookup tickets, final ChangePreview preview) {
        final BearerAuth auth = BearerAuth.of(settings.authToken());
        final HttpLimits limits = settings.limits();
        final OwnerForwarder forwarder = new OwnerForwarder(limits, auth);
        final ApiHandler handler = new ApiHandler(Map.of(
                "/health/live", new HealthEndpoint(liveness),
                "/health/ready", new HealthEndpoint(readiness),
                "/metrics", auth.protect(new MetricsEndpoint(metrics))),
                auth.protect(new TicketEndpoint(tickets, forwarder)),
                auth.protect(new PreviewEndpoint(tickets, forwarder, preview)));
        return new HttpApi(JettyServer.start("ticket-sync-http", settings.bindAddress(), settings.port(),
                limits.idleTimeout(), limits.maxConnections(), MAX_THREADS, handler));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
