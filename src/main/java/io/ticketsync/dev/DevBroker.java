package io.ticketsync.dev;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft broker (broker and controller in one process) on 127.0.0.1, run as its
 * own JVM from this JVM's classpath, with its data and log under one directory. The broker classes
 * are on that classpath in the dev jar ({@code target/ticket-sync-dev.jar}), the tests and the
 * benchmarks, never in the production jar.
 */
public final class DevBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevBroker.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String BROKER_MAIN = "kafka.Kafka";

    private final Process process;
    private final int port;
    private final Path log;

    private DevBroker(final Process process, final int port, final Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Formats {@code dataDir} unless it already holds a broker, starts the broker, returns when it answers. */
    public static DevBroker start(final Path dataDir, final int port, final int controllerPort, final Duration timeout)
            throws IOException, InterruptedException {
        return start(dataDir, port, controllerPort, timeout, Map.of());
    }

    /** As {@link #start(Path, int, int, Duration)}, with extra broker properties (e.g. for tests). */
    public static DevBroker start(final Path dataDir, final int port, final int controllerPort, final Duration timeout,
                                  final Map<String, String> extraProperties) throws IOException, InterruptedException {
        if (!onClasspath()) {
            throw new IllegalStateException("no Kafka broker (" + BROKER_MAIN + ") on the classpath;"
                    + " the dev jar, target/ticket-sync-dev.jar, carries one");
        }
        Files.createDirectories(dataDir);
        final Path properties = dataDir.resolve("server.properties");
        final StringBuilder content = new StringBuilder(serverProperties(dataDir, port, controllerPort));
        extraProperties.forEach((key, value) -> content.append(key).append('=').append(value).append('\n'));
        Files.writeString(properties, content, StandardCharsets.UTF_8);
        final Path log = dataDir.resolve("broker.log");
        // Format once; a restart on the same directory keeps its cluster id and data.
        if (!Files.exists(dataDir.resolve("kraft-logs").resolve("meta.properties"))) {
            final int formatted = java(List.of("kafka.tools.StorageTool", "format", "--standalone",
                    "-t", Uuid.randomUuid().toString(), "-c", properties.toString()), log).waitFor();
            if (formatted != 0) {
                throw new IllegalStateException("formatting broker storage failed (exit " + formatted + "); see " + log);
            }
        }
        final DevBroker broker = new DevBroker(java(List.of(BROKER_MAIN, properties.toString()), log), port, log);
        broker.awaitReady(timeout);
        return broker;
    }

    /**
     * Whether the broker can start: its classes are on this JVM's classpath, which its own JVM
     * inherits. Checked without loading them.
     */
    public static boolean onClasspath() {
        return DevBroker.class.getClassLoader().getResource(BROKER_MAIN.replace('.', '/') + ".class") != null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Stops the broker with SIGTERM (a controlled shutdown), forcibly if it takes too long. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            LOG.warn("Broker did not stop within 30 s; killing it");
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady(final Duration timeout) throws InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        awaitListening(deadline);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("broker exited with code " + process.exitValue() + "; see " + log);
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (final ExecutionException | TimeoutException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        close();
                        throw new IllegalStateException("broker not ready within " + timeout + "; see " + log, notYet);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    /** Waits for the port to accept connections, so the admin client does not log refused ones. */
    private void awaitListening(final Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return;
            } catch (final IOException notYet) {
                Thread.sleep(200);
            }
        }
    }

    private static Process java(final List<String> mainAndArgs, final Path log) throws IOException {
        final List<String> command = new ArrayList<>();
        // Its own session, so a terminal's Ctrl-C reaches ticket-sync only: ticket-sync must make its
        // final commit before the broker goes away, and stops the broker itself afterwards.
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String serverProperties(final Path dataDir, final int port, final int controllerPort) {
        return String.join("\n",
                "# Written by ticket-sync dev mode: one KRaft node, loopback only.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir.resolve("kraft-logs").toAbsolutePath(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }
}
