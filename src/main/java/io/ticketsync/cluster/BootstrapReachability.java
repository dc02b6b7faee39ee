package io.ticketsync.cluster;

import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Waits until one of the bootstrap servers accepts a TCP connection. Done before any Kafka
 * client exists, because a client pointed at a dead address logs a warning per reconnect attempt
 * and then a stack trace, where an operator needs one line: what, where, what to do.
 */
final class BootstrapReachability {

    private static final Duration CONNECT_SLICE = Duration.ofSeconds(2);
    private static final Duration PAUSE = Duration.ofMillis(500);

    private BootstrapReachability() {
    }

    /** @throws StartupCheckException naming the servers and the last error once the deadline passes */
    static void await(final String bootstrapServers, final Duration timeout, final Deadline deadline)
            throws InterruptedException {
        final List<String> servers = Arrays.stream(bootstrapServers.split(",")).map(String::trim)
                .filter(server -> !server.isEmpty()).toList();
        String lastProblem = "no address given";
        while (true) {
            for (final String server : servers) {
                final String problem = problemConnecting(server, deadline);
                if (problem == null) {
                    return;
                }
                lastProblem = problem;
            }
            if (deadline.expired()) {
                throw new StartupCheckException("cannot reach Kafka at bootstrap.servers=" + bootstrapServers + " within "
                        + timeout.toMillis() + " ms (" + lastProblem + "); is the broker running, and are "
                        + "bootstrap.servers and startup.timeout.ms right?");
            }
            Thread.sleep(Math.min(PAUSE.toMillis(), Math.max(1, deadline.remaining().toMillis())));
        }
    }

    /** Null when {@code server} accepts a connection, otherwise what went wrong. */
    private static String problemConnecting(final String server, final Deadline deadline) {
        final String host = Utils.getHost(server);
        final Integer port = Utils.getPort(server);
        if (host == null || port == null) {
            return "'" + server + "' is not host:port";
        }
        final InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return "cannot resolve host '" + host + "'";
        }
        try (Socket socket = new Socket()) {
            final long slice = Math.min(CONNECT_SLICE.toMillis(), deadline.remaining().toMillis());
            socket.connect(address, (int) Math.max(1, slice));
            return null;
        } catch (final IOException e) {
            return server + ": " + e;
        }
    }
}
