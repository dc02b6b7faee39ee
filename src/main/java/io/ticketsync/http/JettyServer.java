package io.ticketsync.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * One Jetty server on one address with the bounds every ticket-sync listener keeps: a small thread
 * pool, capped request headers and connections, and an idle timeout that closes slow clients.
 * Shared by the HTTP API and the dead-letter console.
 */
public final class JettyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JettyServer.class);

    /** Request line plus headers; a longer request line is answered 414, longer headers 431. */
    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    private final Server server;
    private final ServerConnector connector;

    private JettyServer(final Server server, final ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** A server whose own error answers (malformed requests, a handler that threw) are JSON like the API's. */
    public static JettyServer start(final String name, final String bindAddress, final int port, final Duration idleTimeout,
                                    final int maxConnections, final int maxThreads, final Handler handler) {
        return start(name, bindAddress, port, idleTimeout, maxConnections, maxThreads, handler, new JsonErrorHandler());
    }

    /**
     * @param maxThreads   handlers that block (on Kafka, say) need more than ones that never wait
     * @param errorHandler answers what Jetty answers itself: a malformed request, a handler that threw
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static JettyServer start(final String name, final String bindAddress, final int port, final Duration idleTimeout,
                                    final int maxConnections, final int maxThreads, final Handler handler,
                                    final Request.Handler errorHandler) {
        final QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 2);
        threads.setName(name);
        threads.setDaemon(true);
        final Server server = new Server(threads);
        final HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        final ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bindAddress);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(maxConnections, connector));
        server.setErrorHandler(errorHandler);
        server.setHandler(handler);
        try {
            server.start();
        } catch (final Exception e) {
            stopQuietly(server);
            final String where = "cannot listen on " + bindAddress + ":" + port;
            throw e instanceof IOException io ? new UncheckedIOException(where, io) : new IllegalStateException(where, e);
        }
        return new JettyServer(server, connector);
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
            LOG.warn("HTTP server did not stop cleanly", e);
        }
    }
}
