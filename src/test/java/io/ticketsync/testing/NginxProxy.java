package io.ticketsync.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a TLS reverse proxy in front of a local HTTP server, as operators deploy the
 * console: it terminates https on a loopback port and passes the client's address and scheme on in
 * X-Forwarded-For and X-Forwarded-Proto. It runs in the foreground as the test's user, with its
 * configuration, pid file, logs and temp files all inside one directory.
 */
public final class NginxProxy implements AutoCloseable {

    public static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxProxy(final Process process, final Path dir, final int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Listens with TLS on a free 127.0.0.1 port and proxies everything to {@code http://127.0.0.1:upstreamPort}. */
    public static NginxProxy start(final Path dir, final int port, final int upstreamPort, final TestCertificates.Pem pem)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException("the TLS proxy test needs Debian's nginx (run scripts/install-test-packages as root)");
        }
        Files.writeString(dir.resolve("nginx.conf"), config(dir, port, upstreamPort, pem));
        final Process process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        final NginxProxy proxy = new NginxProxy(process, dir, port);
        try {
            Await.until("nginx to listen on 127.0.0.1:" + port, proxy::accepting, accepting -> accepting || !process.isAlive(),
                    Duration.ofSeconds(20), Duration.ofMillis(100));
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + proxy.log());
            }
            return proxy;
        } catch (final RuntimeException | Error e) {
            proxy.close();
            throw e;
        }
    }

    public String url() {
        return "https://127.0.0.1:" + port;
    }

    /** Its own output and error log, for a failure message. */
    public String log() throws IOException {
        final Path errors = dir.resolve("error.log");
        return Files.readString(dir.resolve("nginx.out")) + (Files.exists(errors) ? Files.readString(errors) : "");
    }

    @Override
    public void close() {
        process.destroy();   // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /**
     * Host passed as the browser sent it (with the port); X-Forwarded-For appended, X-Forwarded-Proto
     * set, and any Forwarded header from the client dropped, as the console's README asks of a proxy.
     * As root, nginx would switch its workers to "nobody", who cannot enter a private temp directory.
     */
    private static String config(final Path dir, final int port, final int upstreamPort, final TestCertificates.Pem pem) {
        final String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        ssl_certificate %4$s;
                        ssl_certificate_key %5$s;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header Forwarded "";
                        }
                    }
                }
                """.formatted(dir, port, upstreamPort, pem.certificate(), pem.privateKey());
    }
}
