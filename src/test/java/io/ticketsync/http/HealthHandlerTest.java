package io.ticketsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ticketsync.codec.Json;
import io.ticketsync.runtime.HealthReport;
import io.ticketsync.testing.HttpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The health endpoint's contract: 200 when up, 503 when down, JSON naming state, threads and why. */
class HealthHandlerTest {

    private final AtomicReference<HealthReport> report = new AtomicReference<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldAnswer503WithStateThreadsAndReasonsWhenDown() throws Exception {
        report.set(new HealthReport(false, "ERROR",
                List.of(new HealthReport.ThreadHealth("app-StreamThread-1", "DEAD", List.of())),
                List.of("Kafka Streams client is in ERROR: replacement budget spent")));

        final HttpResponse<String> response = start().get("/health/live");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains(HttpResponses.JSON);
        final JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.get("state").asText()).isEqualTo("ERROR");
        assertThat(body.get("threads").get(0).get("name").asText()).isEqualTo("app-StreamThread-1");
        assertThat(body.get("reasons").get(0).asText()).contains("budget spent");
    }

    @Test
    void shouldAnswer200WhenUp() throws Exception {
        report.set(new HealthReport(true, "RUNNING", List.of(), List.of()));

        final HttpResponse<String> response = start().get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    private HttpProbe start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health/live", new HealthHandler(report::get));
        server.start();
        return new HttpProbe(server.getAddress().getPort());
    }
}
