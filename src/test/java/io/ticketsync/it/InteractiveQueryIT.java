package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.Ports;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.Workloads;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances share the partitions; either answers /tickets/{id} for any ticket, forwarding to the owner. */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(180)
class InteractiveQueryIT {

    private static final int TICKETS = 24;

    @Test
    void shouldAnswerEveryTicketFromEitherInstance(final KafkaBroker broker, @TempDir final Path stateA,
                                                  @TempDir final Path stateB) throws Exception {
        final int portA = Ports.free();
        final int portB = Ports.free();
        final TicketSyncConfig configA = instance(broker, stateA, portA);
        final TicketSyncConfig configB = instance(broker, stateB, portB);
        broker.createTopics(configA.topics());
        broker.produce(configA.topics().input(), Workloads.versions(TICKETS, 2));

        try (RunningApp a = RunningApp.start(configA, TicketSyncTopology.build(configA));
             RunningApp b = RunningApp.start(configB, TicketSyncTopology.build(configB))) {
            broker.readCommittedUntil(configA.topics().output(), records -> records.size() >= TICKETS * 2,
                    Duration.ofSeconds(90));
            final HttpProbe httpA = a.http();
            final HttpProbe httpB = b.http();
            httpA.awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            httpB.awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            assertThat(httpA.get("/health/ready").body()).as("the partitions are shared").doesNotContain("\"activeTasks\":[]");

            for (int ticket = 0; ticket < TICKETS; ticket++) {
                final String path = "/tickets/T-" + ticket;
                for (final HttpProbe http : new HttpProbe[] {httpA, httpB}) {
                    final HttpResponse<String> response = http.awaitGet(path, r -> r.statusCode() != 503, Duration.ofSeconds(30));
                    assertThat(response.statusCode()).as(path).isEqualTo(200);
                    assertThat(response.body()).contains("\"id\":\"T-" + ticket + "\"").contains("\"version\":2");
                }
            }
            assertThat(httpB.get("/tickets/T-none").statusCode()).isEqualTo(404);
            assertThat(b.stop()).isEqualTo(ExitCodes.OK);
            assertThat(a.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    private static TicketSyncConfig instance(final KafkaBroker broker, final Path state, final int port) {
        return TestConfigs.forBroker(broker, "iq-it", state, Map.of(
                ConfigKeys.HTTP_PORT, String.valueOf(port),
                "application.server", "127.0.0.1:" + port));
    }
}
