package io.ticketsync.http;

import io.ticketsync.codec.Json;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Forwarding to a key's owner: once, bounded in time and number, with the token, never elsewhere. */
@Timeout(30)
class HttpForwardingTest {

    private static final String TOKEN = "forwarding-test-token-0123456789";

    /** Accepts connections (the kernel does, into its backlog) and never answers: a hung owner. */
    private ServerSocket hungOwner;

    @BeforeEach
    void openHungOwner() throws Exception {
        hungOwner = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void closeHungOwner() throws Exception {
        hungOwner.close();
    }

    @Test
    void shouldAnswerLivenessWithinASecondAnd504WithinTheForwardTimeoutWhileTheOwnerHangs() throws Exception {
        try (ApiUnderTest api = ApiUnderTest.start(ApiUnderTest.FAST, Optional.empty(), id -> hung())) {
            final long started = System.nanoTime();
            final List<CompletableFuture<HttpResponse<String>>> forwards = getAll(api.port(), 24);

            final long probeStarted = System.nanoTime();
            assertThat(api.http().get("/health/live").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - probeStarted)).isLessThan(Duration.ofSeconds(1));

            for (final CompletableFuture<HttpResponse<String>> forward : forwards) {
                final HttpResponse<String> response = forward.join();
                assertThat(response.statusCode()).isEqualTo(504);
                assertThat(Json.MAPPER.readTree(response.body()).get("error").asText()).contains("did not answer within");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(ApiUnderTest.FAST.forwardTimeout().plusSeconds(3));
        }
    }

    @Test
    void shouldAnswer503WhenTooManyForwardsAreInFlight() throws Exception {
        final HttpLimits oneForward = new HttpLimits(Duration.ofSeconds(5), 256, Duration.ofMillis(500), Duration.ofSeconds(3), 1);
        try (ApiUnderTest api = ApiUnderTest.start(oneForward, Optional.empty(), id -> hung())) {
            final CompletableFuture<HttpResponse<String>> first = getAll(api.port(), 1).get(0);
            // Once the owner sees the first forward's connection, that forward holds the only slot.
            hungOwner.setSoTimeout(5_000);
            try (Socket inFlight = hungOwner.accept()) {
                final HttpResponse<String> second = api.http().get("/tickets/T-2");

                assertThat(second.statusCode()).isEqualTo(503);
                assertThat(second.body()).contains("too many queries forwarded at once");
                assertThat(first.join().statusCode()).isEqualTo(504);
            }
        }
    }


    @Test
    void shouldCarryTheTokenToTheOwnerWhenAuthenticationIsOn() throws Exception {
        try (ApiUnderTest owner = ApiUnderTest.start(ApiUnderTest.FAST, Optional.of(TOKEN), id -> new TicketLookup.Local());
             ApiUnderTest front = ApiUnderTest.start(ApiUnderTest.FAST, Optional.of(TOKEN),
                     id -> new TicketLookup.Remote(new HostInfo("127.0.0.1", owner.port())))) {

            final HttpResponse<String> response = front.http().get("/tickets/T-1", "Authorization", "Bearer " + TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"id\":\"T-1\"");
        }
    }

    @Test
    void shouldNotForwardAgainWhenTheQueryWasForwardedAlready() throws Exception {
        try (ApiUnderTest api = ApiUnderTest.start(ApiUnderTest.FAST, Optional.empty(), id -> hung())) {

            final HttpResponse<String> response = api.http().get("/tickets/T-1", OwnerForwarder.FORWARDED_HEADER, "1");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("moving");
        }
    }

    @Test
    void shouldForwardOnlyToThePlainHostAndPortTheOwnerAdvertises() {
        assertThat(OwnerForwarder.ticketUri(new HostInfo("10.0.0.7", 8080), "T 1"))
                .contains(URI.create("http://10.0.0.7:8080/tickets/T%201"));
        assertThat(OwnerForwarder.ticketUri(new HostInfo("::1", 8080), "T-1")).contains(URI.create("http://[::1]:8080/tickets/T-1"));
        assertThat(OwnerForwarder.ticketUri(new HostInfo("evil.example/x#", 8080), "T-1")).isEmpty();
        assertThat(OwnerForwarder.ticketUri(new HostInfo("user@evil.example", 8080), "T-1")).isEmpty();
        assertThat(OwnerForwarder.ticketUri(new HostInfo("evil.example:9", 8080), "T-1")).isEmpty();
    }

    private TicketLookup.Owner hung() {
        return new TicketLookup.Remote(new HostInfo("127.0.0.1", hungOwner.getLocalPort()));
    }

    /** {@code count} concurrent queries for T-0, T-1, ... */
    private static List<CompletableFuture<HttpResponse<String>>> getAll(final int port, final int count) {
        final HttpClient client = HttpClient.newHttpClient();
        final List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tickets/T-" + i))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }
}
