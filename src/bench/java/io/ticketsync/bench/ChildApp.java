package io.ticketsync.bench;

import io.ticketsync.bench.app.AppUnderTest;
import io.ticketsync.bench.app.StampingInterceptor;
import io.ticketsync.runtime.TicketSyncApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** An application under test in its own JVM (fixed heap), with its configuration, stats and log in one directory. */
final class ChildApp implements AutoCloseable {

    static final String HEAP = "-Xmx1g";

    /**
     * The JIT's first tier only (C1): no optimising compiler competing for the shared cores while
     * the application starts. The "-c1" rows run with it.
     */
    static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1");

    private static final String SIMPLE_LOGGER_CONFIG = "simplelogger.properties";

    private final Process process;
    private final Path stats;
    private final Path log;

    private ChildApp(final Process process, final Path stats, final Path log) {
        this.process = process;
        this.stats = stats;
        this.log = log;
    }

    /** A fresh application id per row and run: its own consumer group, state and topics. */
    static String applicationId(final String row, final int run) {
        return "bench-" + row.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + run;
    }

    static ChildApp start(final String kind, final String instance, final Map<String, String> config, final Path dir)
            throws IOException {
        return start(kind, instance, config, dir, List.of());
    }

    /** @param jvmOptions options for this application's JVM, after the heap and the harness-wide ones */
    static ChildApp start(final String kind, final String instance, final Map<String, String> config, final Path dir,
                          final List<String> jvmOptions) throws IOException {
        Files.createDirectories(dir);
        final Path configFile = dir.resolve(instance + ".properties");
        final Properties properties = new Properties();
        properties.putAll(config);
        try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            properties.store(out, "benchmark " + kind);
        }
        final Path stats = dir.resolve(instance + ".stats");
        final Path log = dir.resolve(instance + ".log");
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-D" + StampingInterceptor.INSTANCE_PROPERTY + "=" + instance));
        command.addAll(productionLogging());
        command.addAll(List.of(System.getProperty("bench.child.jvm.options", "").split(" ")).stream()
                .filter(option -> !option.isBlank()).toList());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AppUnderTest.class.getName(),
                kind, configFile.toString(), stats.toString()));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ChildApp(process, stats, log);
    }

    /**
     * The production jar's logging levels as system properties: the test classpath's quieter
     * {@code simplelogger.properties} comes first on the child's classpath, and logging is part of
     * what a dead letter costs.
     */
    private static List<String> productionLogging() throws IOException {
        final Path file = mainClasses().resolve(SIMPLE_LOGGER_CONFIG);
        final Properties logging = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            logging.load(in);
        }
        return logging.stringPropertyNames().stream().sorted()
                .map(key -> "-D" + key + "=" + logging.getProperty(key)).toList();
    }

    /** Where the production classes and resources are ({@code target/classes}). */
    private static Path mainClasses() {
        try {
            return Path.of(TicketSyncApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    AppStats stats() {
        try {
            return AppStats.read(stats).orElseThrow(() -> new IllegalStateException("no stats yet; see " + log));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean hasStats() {
        return Files.exists(stats);
    }

    /** Waits until the application's Kafka Streams client reports RUNNING (read from its stats file). */
    void awaitRunning(final Duration timeout) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!(hasStats() && "RUNNING".equals(stats().streamsState()))) {
            checkAlive();
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("not RUNNING within " + timeout + "; see " + log);
            }
            Thread.sleep(10);
        }
    }

    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("application exited with code " + process.exitValue() + "; see " + log);
        }
    }

    /** SIGKILL: no commit, no leave-group, as a crashed host. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
