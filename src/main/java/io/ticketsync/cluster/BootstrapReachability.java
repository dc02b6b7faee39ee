package io.ticketsync.cluster;

import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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

    /**
     * @throws StartupCheckException naming the servers and the most telling error seen once the
     *         deadline passes
     */
    static void await(final String bootstrapServers, final Duration timeout, final Deadline deadline)
            throws InterruptedException {
        final List<String> servers = Arrays.stream(bootstrapServers.split(",")).map(String::trim)
                .filter(server -> !server.isEmpty()).toList();
        Problem telling = new Problem("no address given", 0);
        while (true) {
            for (final String server : servers) {
                final Problem problem = problemConnecting(server, deadline);
                if (problem == null) {
                    return;
                }
                telling = problem.rank() >= telling.rank() ? problem : telling;
            }
            if (deadline.expired()) {
                throw new StartupCheckException("cannot reach Kafka at bootstrap.servers=" + bootstrapServers + " within "
                        + timeout.toMillis() + " ms (" + telling.text() + "); is the broker running and bootstrap.servers "
                        + "right? startup.timeout.ms bounds this wait");
            }
            Thread.sleep(Math.min(PAUSE.toMillis(), Math.max(1, deadline.remaining().toMillis())));
        }
    }

    /**
     * What went wrong connecting, ranked by how much it tells: a refused connection names the
     * cause (nothing listens there), where a timeout may only mean the deadline cut the last
     * attempt short, so the last error alone would hide the refusals before it.
     */
    private record Problem(String text, int rank) {
    }

    /** Null when {@code server} accepts a connection, otherwise what went wrong. */
    private static Problem problemConnecting(final String server, final Deadline deadline) {
        final String host = Utils.getHost(server);
        final Integer port = Utils.getPort(server);
        if (host == null || port == null) {
            return new Problem("'" + server + "' is not host:port", 4);
        }
        final InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return new Problem("cannot resolve host '" + host + "'", 3);
        }
        try (Socket socket = new Socket()) {
            final long slice = Math.min(CONNECT_SLICE.toMillis(), deadline.remaining().toMillis());
            socket.connect(address, (int) Math.max(1, slice));
            return null;
        } catch (final ConnectException e) {
            return new Problem(server + ": " + (e.getMessage() == null ? "connection refused" : e.getMessage()), 2);
        } catch (final SocketTimeoutException e) {
            return new Problem(server + ": no answer before the connect timed out", 1);
        } catch (final IOException e) {
            return new Problem(server + ": " + e, 2);
        }
    }
}
