package io.ticketsync.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.runtime.HealthMonitor;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The read-only HTTP API: health, metrics and ticket lookups. */
public final class HttpApi implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpApi(final HttpServer server, final ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HttpApi start(final String bindAddress, final int port, final HealthMonitor health,
                                final TicketSyncMetrics metrics, final KafkaStreams streams, final HostInfo self) {
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port, e);
        }
        server.createContext("/health/live", new HealthHandler(health::liveness));
        server.createContext("/health/ready", new HealthHandler(health::readiness));
        server.createContext("/metrics", new MetricsHandler(metrics));
        server.createContext(TicketHandler.PREFIX, new TicketHandler(new TicketLookup(streams, self)));
        server.createContext("/", new NotFoundHandler());
        final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            final Thread thread = new Thread(runnable, "ticket-sync-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new HttpApi(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static final class NotFoundHandler extends ReadOnlyHandler {
        @Override
        void get(final HttpExchange exchange) throws IOException {
            HttpResponses.error(exchange, 404, "no such endpoint; try /health/live, /health/ready, /metrics, /tickets/{id}");
        }
    }
}
