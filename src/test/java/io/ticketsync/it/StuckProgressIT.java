package io.ticketsync.it;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.FaultyTopology;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident's shape: the process is up but processing is not. A stream thread hangs with input
 * waiting; liveness turns 503 and says why, and recovers when processing moves again.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
class StuckProgressIT {

    @Test
    void shouldFailLivenessWhileInputWaitsAndCommittedOffsetDoesNotMove(final KafkaBroker broker,
                                                                        @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "stuck-it", state,
                Map.of(TicketSyncConfig.HEALTH_STUCK_TIMEOUT_MS, "1500"));
        broker.createTopics(config.topics());
        final CountDownLatch release = new CountDownLatch(1);
        final var topology = FaultyTopology.blockingOn(config,
                change -> change.ticketId().equals("T-1") && change.version() == 2, release);

        try (RunningApp running = RunningApp.start(config, topology)) {
            final HttpProbe http = running.http();
            http.awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            broker.produce(config.topics().input(), Workloads.versions(3, 3));

            final HttpResponse<String> stuck = http.awaitGet("/health/live",
                    response -> response.statusCode() == 503, Duration.ofSeconds(60));
            assertThat(stuck.body()).contains("\"status\":\"DOWN\"").contains("processing stuck")
                    .contains("records waiting").contains("\"state\":\"RUNNING\"");
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(503);

            release.countDown();
            http.awaitGet("/health/live", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            assertThat(broker.readCommittedUntil(config.topics().output(), records -> records.size() >= 9,
                    Duration.ofSeconds(60))).hasSize(9);
            assertThat(running.stop()).isEqualTo(ExitCodes.OK);
        }
    }
}
