package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.FaultyTopology;
import io.ticketsync.topology.TicketSyncTopology;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
@Timeout(300)
class StuckProgressIT {

    @Test
    void shouldFailLivenessWhileInputWaitsAndCommittedOffsetDoesNotMove(final KafkaBroker broker,
                                                                        @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "stuck-it", state,
                Map.of(ConfigKeys.HEALTH_STUCK_TIMEOUT_MS, "1500", ConfigKeys.HEALTH_STUCK_ACTION, "report"));
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

    /**
     * The incident exactly: one polled record stuck in memory, nothing else waiting. The instance
     * notices, closes within its shutdown timeout and exits 7; after a restart the record is
     * processed, once.
     */
    @Test
    void shouldExitWhenOneRecordBlocksAndProcessItOnceAfterRestart(final KafkaBroker broker,
                                                                   @TempDir final Path state) throws Exception {
        final Duration stuckTimeout = Duration.ofMillis(1500);
        final Duration shutdownTimeout = Duration.ofSeconds(5);
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "stuck-exit-it", state, Map.of(
                ConfigKeys.HEALTH_STUCK_TIMEOUT_MS, String.valueOf(stuckTimeout.toMillis()),
                ConfigKeys.SHUTDOWN_TIMEOUT_MS, String.valueOf(shutdownTimeout.toMillis())));
        broker.createTopics(config.topics());
        final CountDownLatch release = new CountDownLatch(1);

        try (RunningApp stuck = RunningApp.start(config, FaultyTopology.blockingOn(config, change -> true, release))) {
            stuck.http().awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            final long produced = System.nanoTime();
            broker.produce(config.topics().input(), Workloads.versions(1, 1));

            // Detection (timeout + sampling) plus a close bounded by the shutdown timeout, plus slack for this machine.
            assertThat(stuck.awaitExit(stuckTimeout.plus(shutdownTimeout).plusSeconds(20))).isEqualTo(ExitCodes.STUCK);
            assertThat(Duration.ofNanos(System.nanoTime() - produced)).isGreaterThanOrEqualTo(stuckTimeout);
            assertThat(broker.readAllCommitted(config.topics().output())).isEmpty();
        } finally {
            // Let the abandoned stream thread finish, as the process's exit would end it.
            release.countDown();
        }

        // The abandoned client still locks its state directory; a restarted process would not.
        final TicketSyncConfig restartConfig = TestConfigs.forBroker(broker, "stuck-exit-it", state.resolve("restarted"),
                Map.of());
        try (RunningApp restarted = RunningApp.start(restartConfig, TicketSyncTopology.build(restartConfig))) {
            broker.readCommittedUntil(config.topics().output(), records -> !records.isEmpty(), Duration.ofSeconds(90));
            assertThat(restarted.stop()).isEqualTo(ExitCodes.OK);
        }
        assertThat(broker.readAllCommitted(config.topics().output())).hasSize(1);
        assertThat(broker.readAllCommitted(config.topics().deadLetter())).isEmpty();
    }
}
