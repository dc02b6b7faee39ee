package io.ticketsync.it;

import io.ticketsync.testing.Await;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.Ports;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar target/ticket-sync-dev.jar dev} as a user runs it: its own broker (from the dev jar),
 * the bundled samples fully accounted for, the HTTP API answering, and a clean stop of app and broker
 * on SIGTERM.
 */
@Tag("integration")
@Timeout(300)
class DevModeIT {

    private static final Path JAR = Path.of("target", "ticket-sync-dev.jar");

    @Test
    void shouldRunBrokerAndAppAndAccountForEverySampleRecord(@TempDir final Path work) throws Exception {
        final int brokerPort = Ports.free();
        final int controllerPort = Ports.free();
        final int httpPort = Ports.free();
        final int consolePort = Ports.free();
        final Path log = work.resolve("dev.log");
        final ProcessBuilder devProcess = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-jar",
                JAR.toAbsolutePath().toString(), "dev", "--data-dir", work.resolve("data").toString(),
                "--broker-port", String.valueOf(brokerPort), "--controller-port", String.valueOf(controllerPort),
                "--http-port", String.valueOf(httpPort), "--console-port", String.valueOf(consolePort)))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // A shell that points ticket-sync at a real cluster: dev must keep to its own broker, and say so.
        devProcess.environment().put("TICKET_SYNC_BOOTSTRAP_SERVERS", "kafka-1.example:9092");
        final Process dev = devProcess.start();
        try {
            awaitLog(log, dev, "applied=19 skipped-stale=3 dead-lettered=12", Duration.ofSeconds(120));
            assertThat(Files.readString(log)).contains("dev sets bootstrap.servers itself; ignoring kafka-1.example:9092"
                    + " from TICKET_SYNC_BOOTSTRAP_SERVERS")
                    .contains("Produced 34 sample records").contains("accounted 34/34 sample records")
                    .contains("PROCESSING/unmapped-status=1").contains("DESERIALIZATION/null-key=1");

            final HttpProbe http = new HttpProbe(httpPort);
            final HttpResponse<String> ticket = http.get("/tickets/T-1001");
            assertThat(ticket.statusCode()).isEqualTo(200);
            assertThat(ticket.body()).contains("\"version\":4").contains("\"state\":\"RESOLVED\"")
                    .contains("\"priority\":\"CRITICAL\"");
            assertThat(http.get("/tickets/T-1003").statusCode()).as("deleted").isEqualTo(404);
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);

            // The console runs too, behind the password dev generated and printed for this run only.
            final Matcher printed = Pattern.compile("Dead-letter console: http://127\\.0\\.0\\.1:" + consolePort
                    + "/ +user 'admin', password '([A-Za-z0-9_-]{24})'").matcher(Files.readString(log));
            assertThat(printed.find()).as("dev prints the console's URL and password").isTrue();
            final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            final HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + consolePort + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=admin&password=" + printed.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            final String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            Await.until("the console to list the 12 sample dead letters", () -> client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + consolePort + "/")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("<span class=\"figure\" id=\"total\">12</span>"),
                    Duration.ofSeconds(30));

            dev.destroy(); // SIGTERM, as Ctrl-C would
            assertThat(dev.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(dev.exitValue()).isEqualTo(ExitCodes.OK);
        } finally {
            // SIGTERM first even on failure: dev mode then stops its broker, which a SIGKILL would orphan.
            dev.destroy();
            dev.waitFor(60, TimeUnit.SECONDS);
            dev.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("Stopped.");
        assertThat(Ports.isFree(brokerPort)).as("the broker stopped with dev mode").isTrue();
    }

    private static void awaitLog(final Path log, final Process process, final String expected, final Duration timeout)
            throws IOException, InterruptedException {
        Await.until("dev mode logging '" + expected + "'", () -> {
            final String text = Files.readString(log);
            if (!process.isAlive()) {
                throw new AssertionError("dev mode exited before logging '" + expected + "':\n" + text);
            }
            return text;
        }, text -> text.contains(expected), timeout, Duration.ofMillis(500));
    }
}
