package io.ticketsync.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The read-only HTTP API: health, metrics and ticket lookups, on Jetty's NIO server. A client that
 * sends a request slowly holds a connection but no thread, an idle or half-sent connection is closed
 * after {@link HttpLimits#idleTimeout()}, connections are capped, and forwarded queries run
 * asynchronously: neither can keep the probes from answering.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** Request line plus headers; a longer request line is answered 414, longer headers 431. */
    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    /** Handlers never wait on the network, so a few threads serve every request. */
    private static final int MAX_THREADS = 16;

    private final Server server;
    private final ServerConnector connector;

    private HttpApi(final Server server, final ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts serving. {@code /metrics} and {@code /tickets/{id}} need the token when one is set;
     * {@code /health/*} stay open for the orchestrator's probes.
     */
    public static HttpApi start(final HttpSettings settings, final Supplier<HealthReport> liveness,
                                final Supplier<HealthReport> readiness, final Supplier<String> metrics,
                                final TicketLookup tickets) {
        final BearerAuth auth = BearerAuth.of(settings.authToken());
        final HttpLimits limits = settings.limits();
        final ApiHandler handler = new ApiHandler(Map.of(
                "/health/live", new HealthEndpoint(liveness),
                "/health/ready", new HealthEndpoint(readiness),
                "/metrics", auth.protect(new MetricsEndpoint(metrics))),
                auth.protect(new TicketEndpoint(tickets, new OwnerForwarder(limits, auth))));

        final QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("ticket-sync-http");
        threads.setDaemon(true);
        final Server server = new Server(threads);
        final HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        final ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(handler);
        try {
            server.start();
        } catch (final Exception e) {
            stopQuietly(server);
            final String where = "cannot listen on " + settings.bindAddress() + ":" + settings.port();
            throw e instanceof IOException io ? new UncheckedIOException(where, io) : new IllegalStateException(where, e);
        }
        return new HttpApi(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(final Server server) {
        try {
            server.stop();
        } catch (final Exception e) {
            // Stopping only fails when the server is already broken; there is nothing left to release.
            LOG.warn("HTTP API did not stop cleanly", e);
        }
    }
}
