package io.ticketsync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Connections that send half a request and then nothing, as a slow or hostile client does. */
public final class SlowClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    public static SlowClients open(final int port, final int count) throws IOException {
        final SlowClients clients = new SlowClients();
        for (int i = 0; i < count; i++) {
            final Socket socket = new Socket("127.0.0.1", port);
            clients.sockets.add(socket);
            // The request line and one header, never the blank line that ends the headers.
            socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: slow\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        return clients;
    }

    /** True when the server closed every connection within {@code timeout} (whatever it answered first). */
    public boolean allClosedBy(final Duration timeout) throws IOException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (final Socket socket : sockets) {
            if (!closedBy(socket, deadline)) {
                return false;
            }
        }
        return true;
    }

    private static boolean closedBy(final Socket socket, final long deadlineNanos) throws IOException {
        final InputStream in = socket.getInputStream();
        final byte[] buffer = new byte[1024];
        while (true) {
            final long left = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) left);
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (final SocketTimeoutException e) {
                return false;
            } catch (final IOException e) {
                return true; // reset by the server: closed too
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (final Socket socket : sockets) {
            socket.close();
        }
    }
}
