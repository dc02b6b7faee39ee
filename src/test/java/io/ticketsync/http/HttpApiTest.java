package io.ticketsync.http;

import io.ticketsync.guard.HealthReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import io.ticketsync.model.TicketState;
import io.ticketsync.testing.HttpProbe;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's contract on Jetty: health JSON, read-only refusals, errors as JSON, HEAD, store failures. */
class HttpApiTest {

    private ApiUnderTest api;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldAnswer503WithStateThreadsAndReasonsWhenDown() throws Exception {
        api = ApiUnderTest.start(ApiUnderTest.FAST, Optional.empty(), () -> new HealthReport(false, "ERROR",
                List.of(new HealthReport.ThreadHealth("app-StreamThread-1", "DEAD", List.of())),
                List.of("Kafka Streams client is in ERROR: replacement budget spent")), id -> new TicketLookup.Local());

        final HttpResponse<String> response = api.http().get("/health/live");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains(HttpResponses.JSON);
        final JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.get("state").asText()).isEqualTo("ERROR");
        assertThat(body.get("threads").get(0).get("name").asText()).isEqualTo("app-StreamThread-1");
        assertThat(body.get("reasons").get(0).asText()).contains("budget spent");
    }

    @Test
    void shouldAnswer200WithTheSnapshotAndItsExactLengthWhenUp() throws Exception {
        api = ApiUnderTest.local();
        final HttpProbe http = api.http();

        assertThat(Json.MAPPER.readTree(http.get("/health/ready").body()).get("status").asText()).isEqualTo("UP");
        final HttpResponse<String> ticket = http.get("/tickets/T-1");
        assertThat(ticket.statusCode()).isEqualTo(200);
        assertThat(ticket.headers().firstValue("Content-Type")).contains(HttpResponses.JSON);
        assertThat(ticket.headers().firstValueAsLong("Content-Length"))
                .hasValue(Json.MAPPER.writeValueAsBytes(ApiUnderTest.TICKET).length);
        assertThat(ticket.body()).contains("\"requester\":\"bob@example.com\"");
        assertThat(http.get("/metrics").headers().firstValue("Content-Type"))
                .contains("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void shouldRefuseWhatAReadOnlyApiNeverAcceptsWhenAsked() throws Exception {
        api = ApiUnderTest.local();
        final HttpProbe http = api.http();

        final HttpResponse<String> post = http.send("POST", "/tickets/T-1");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(http.send("DELETE", "/health/live").statusCode()).isEqualTo(405);
        assertThat(http.send("GET", "/tickets/T-1").statusCode()).as("GET with a body").isEqualTo(413);
        assertThat(http.get("/tickets/T-1?" + "q".repeat(2000)).statusCode()).isEqualTo(414);
        assertThat(http.get("/tickets/T-1?" + "q".repeat(9000)).statusCode()).as("beyond the header limit").isEqualTo(414);
        assertThat(http.get("/tickets/" + "x".repeat(65)).statusCode()).isEqualTo(400);
        assertThat(http.get("/tickets/a%2Fb").statusCode()).isEqualTo(400);
        assertThat(http.get("/tickets/T-unknown").statusCode()).isEqualTo(404);
        assertThat(http.get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswerMalformedRequestsWith400AndAJsonBodyWhenJettyRefusesThem() throws Exception {
        api = ApiUnderTest.local();

        assertThat(api.raw("GET /tickets/T-1 HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"))
                .startsWith("HTTP/1.1 400").contains("Content-Type: application/json").contains("{\"error\":");
        assertThat(api.raw("GET /tickets/%zz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void shouldSendHeadersWithoutABodyWhenTheMethodIsHead() throws Exception {
        api = ApiUnderTest.local();

        final String answer = api.raw("HEAD /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").contains("Content-Type: application/json").endsWith("\r\n\r\n");
    }

    @Test
    void shouldAnswer503WhenTheStoreCannotBeQueriedOrNobodyOwnsTheKey() throws Exception {
        api = ApiUnderTest.start(ApiUnderTest.FAST, Optional.empty(), () -> ApiUnderTest.UP, new TicketLookup() {
            @Override
            public Owner ownerOf(final String ticketId) {
                return ticketId.equals("T-1") ? new Local() : new Unavailable("rebalancing");
            }

            @Override
            public TicketState localState(final String ticketId) {
                throw new InvalidStateStoreException("store is migrating");
            }
        });

        assertThat(api.http().get("/tickets/T-1").statusCode()).isEqualTo(503);
        assertThat(api.http().get("/tickets/T-2").body()).contains("rebalancing");
    }
}
