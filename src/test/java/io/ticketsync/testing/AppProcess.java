package io.ticketsync.testing;

import io.ticketsync.config.TicketSyncConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/ticket-sync.jar run} in its own JVM, which a test can stop or kill like an operator. */
public final class AppProcess {

    public static final Path JAR = Path.of("target", "ticket-sync.jar");

    private final String name;
    private final Process process;
    private final Path log;

    private AppProcess(final String name, final Process process, final Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts an instance with {@code config}'s settings plus {@code overrides} on the command line;
     * its log goes to {@code <workDir>/<name>.log}.
     */
    public static AppProcess start(final String name, final Path workDir, final TicketSyncConfig config,
                                   final Map<String, String> overrides) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after the package phase");
        }
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar",
                JAR.toAbsolutePath().toString(), "run"));
        final Map<String, String> settings = new TreeMap<>(config.raw());
        settings.putAll(overrides);
        settings.forEach((key, value) -> {
            command.add("--set");
            command.add(key + "=" + value);
        });
        Files.createDirectories(workDir);
        final Path log = workDir.resolve(name + ".log");
        final Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // A failed test must not leave instances running into the next tests (or past the build).
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + name));
        return new AppProcess(name, process, log);
    }

    /**
     * SIGTERM once the instance is RUNNING (a JVM still booting has no signal handler yet and would
     * exit 143), then waits for the exit code.
     */
    public int stop(final Duration timeout) throws InterruptedException, IOException {
        if (process.isAlive()) {
            awaitRunning(Duration.ofSeconds(90));
        }
        process.destroy();
        return waitFor(timeout);
    }

    /** SIGKILL: no close, no commit, no leaving the group; an open transaction stays open. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public int waitFor(final Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "; log: " + log);
        }
        return process.exitValue();
    }

    /** Waits until the instance's log shows its Kafka Streams client RUNNING (it can then be stopped cleanly). */
    public AppProcess awaitRunning(final Duration timeout) throws IOException, InterruptedException {
        Await.until(name + " RUNNING (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before RUNNING; log: " + log);
            }
            return Files.readString(log).contains("-> RUNNING");
        }, Boolean::booleanValue, timeout);
        return this;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }
}
