package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.Ports;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.SlowClients;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.TicketSyncTopology;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A running app keeps its probes answering while clients are slow and an owner hangs; forwards carry the token. */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(240)
class HttpHardeningIT {

    private static final int TICKETS = 24;
    private static final String TOKEN = "hardening-it-token-0123456789";

    @Test
    void shouldAnswerLivenessWithinASecondWhileSlowClientsHoldConnections(final KafkaBroker broker,
                                                                        @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "hh-slow", state, Map.of());
        broker.createTopics(config.topics());
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final HttpProbe http = app.http();
            http.awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));

            // The old server had 4 threads, each held by a half-sent request.
            try (SlowClients slow = SlowClients.open(http.port(), 8)) {
                final long started = System.nanoTime();
                assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
                assertThat(slow.allClosedBy(Duration.ofSeconds(20))).as("closed after the idle timeout").isTrue();
            }
        }
    }

    @Test
    void shouldForwardWithTheTokenAndAnswer504ForAHungOwnerWhileProbesAnswer(
            final KafkaBroker broker, @TempDir final Path stateA, @TempDir final Path stateB,
            @TempDir final Path stateC) throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            final int portA = Ports.free();
            final int portB = Ports.free();
            final TicketSyncConfig configA = instance(broker, stateA, portA, portA);
            final TicketSyncConfig configB = instance(broker, stateB, portB, portB);
            // C serves HTTP on its own port but advertises one that accepts and never answers: a hung owner.
            final TicketSyncConfig configC = instance(broker, stateC, Ports.free(), hung.getLocalPort());
            broker.createTopics(configA.topics());
            broker.produce(configA.topics().input(), Workloads.versions(TICKETS, 1));

            try (RunningApp a = RunningApp.start(configA, TicketSyncTopology.build(configA));
                 RunningApp b = RunningApp.start(configB, TicketSyncTopology.build(configB));
                 RunningApp c = RunningApp.start(configC, TicketSyncTopology.build(configC))) {
                broker.readCommittedUntil(configA.topics().output(), records -> records.size() >= TICKETS, Duration.ofSeconds(90));
                for (final RunningApp app : List.of(a, b, c)) {
                    app.http().awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(90));
                }
                final HttpProbe httpA = a.http();
                httpA.awaitGet("/tickets/T-0", response -> response.statusCode() != 503, Duration.ofSeconds(60));
                assertThat(httpA.get("/tickets/T-0").statusCode()).as("no token").isEqualTo(401);

                final List<CompletableFuture<HttpResponse<String>>> fromA = getAllWithToken(portA);
                final long started = System.nanoTime();
                assertThat(httpA.get("/health/live").statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("while forwards to C hang")
                        .isLessThan(Duration.ofSeconds(1));
                final List<CompletableFuture<HttpResponse<String>>> fromB = getAllWithToken(portB);

                final Map<Integer, Integer> statuses = new HashMap<>();
                for (int ticket = 0; ticket < TICKETS; ticket++) {
                    final int status = fromA.get(ticket).join().statusCode();
                    assertThat(fromB.get(ticket).join().statusCode()).as("T-" + ticket + " from B").isEqualTo(status);
                    statuses.merge(status, 1, Integer::sum);
                }
                // A ticket both A and B answer 200 was forwarded, with the token, by one of them; C's time out.
                assertThat(statuses.keySet()).containsExactlyInAnyOrder(200, 504);
            }
        }
    }

    private static TicketSyncConfig instance(final KafkaBroker broker, final Path state, final int httpPort,
                                             final int advertisedPort) {
        return TestConfigs.forBroker(broker, "hh-forward", state, Map.of(
                ConfigKeys.HTTP_PORT, String.valueOf(httpPort),
                ConfigKeys.HTTP_AUTH_TOKEN, TOKEN,
                "application.server", "127.0.0.1:" + advertisedPort));
    }

    private static List<CompletableFuture<HttpResponse<String>>> getAllWithToken(final int port) {
        final HttpClient client = HttpClient.newHttpClient();
        final List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int ticket = 0; ticket < TICKETS; ticket++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tickets/T-" + ticket))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }
}
