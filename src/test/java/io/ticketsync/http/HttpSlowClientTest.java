package io.ticketsync.http;

import io.ticketsync.testing.SlowClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Slow clients cannot starve the probes: the old server read requests on 4 pool threads, so four
 * half-sent requests stopped /health/live from answering and an orchestrator restarted a healthy
 * instance. Here they hold connections, not threads, until the idle timeout closes them.
 */
@Timeout(30)
class HttpSlowClientTest {

    /** More than the old pool's 4 threads and more than Jetty's {@link HttpApi} pool of 16. */
    private static final int SLOW_CLIENTS = 24;

    @Test
    void shouldAnswerLivenessWithinASecondWhileSlowClientsHoldConnections() throws Exception {
        try (ApiUnderTest api = ApiUnderTest.local(); SlowClients slow = SlowClients.open(api.port(), SLOW_CLIENTS)) {
            final long started = System.nanoTime();
            final HttpResponse<String> live = api.http().get("/health/live");

            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(slow.allClosedBy(ApiUnderTest.FAST.idleTimeout().plusSeconds(2)))
                    .as("half-sent requests are closed after the idle timeout").isTrue();
        }
    }

    @Test
    void shouldLetAConnectionBeyondTheLimitWaitUntilOneCloses() throws Exception {
        final HttpLimits limits = new HttpLimits(Duration.ofSeconds(60), 4, Duration.ofMillis(500), Duration.ofSeconds(1), 4);
        try (ApiUnderTest api = ApiUnderTest.start(limits, Optional.empty(), id -> new TicketLookup.Local())) {
            final SlowClients slow = SlowClients.open(api.port(), 4);
            final CompletableFuture<HttpResponse<String>> probe = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThatThrownBy(() -> probe.get(500, TimeUnit.MILLISECONDS)).as("not accepted while 4 connections are open")
                    .isInstanceOf(TimeoutException.class);
            slow.close();
            assertThat(probe.get(1, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }
}
