package io.ticketsync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package; {@code .ci/run} installs it) on
 * loopback, scraping one target every second and evaluating the given rule file every second.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(final Process process, final int port, final Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static PrometheusServer start(final Path workDir, final String job, final String target, final Path rules)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: run scripts/install-test-packages as root");
        }
        final Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "rule_files: ['" + rules.toAbsolutePath() + "']",
                "scrape_configs:",
                "  - job_name: " + job,
                "    static_configs: [{targets: ['" + target + "']}]", ""));
        final int port = Ports.free();
        final Path log = workDir.resolve("prometheus.log");
        final Process process = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-prometheus"));
        final PrometheusServer server = new PrometheusServer(process, port, log);
        Await.until("Prometheus ready on port " + port, server::ready, Boolean::booleanValue, Duration.ofSeconds(60));
        return server;
    }

    /** {@code GET /api/v1/alerts}: the alerts now pending or firing. */
    public JsonNode alerts() throws IOException, InterruptedException {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    /** {@code GET /api/v1/query}: the whole answer, {@code status} {@code success} or {@code error}. */
    public JsonNode query(final String promQl) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private boolean ready() {
        try {
            return process.isAlive() && http.send(request("/-/ready"), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode get(final String path) throws IOException, InterruptedException {
        // Query errors answer 400 with a JSON body that says why: the caller reads status and error.
        return Json.MAPPER.readTree(http.send(request(path), HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpRequest request(final String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
