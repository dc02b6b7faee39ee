package io.ticketsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.PrometheusServer;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules against the real thing: a Prometheus server scrapes a running ticket-sync on a
 * real broker, a bad record arrives, and Prometheus's own API shows the dead-letter alert firing.
 * The dashboard's queries are valid PromQL on the same server.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(180)
class PrometheusAlertIT {

    private static final Path RULES = Path.of("config", "prometheus", "ticket-sync-alerts.yml");
    private static final Path DASHBOARD = Path.of("config", "grafana", "ticket-sync-dashboard.json");

    @Test
    void shouldFireTheDeadLetterAlertForABadRecord(final KafkaBroker broker, @TempDir final Path work) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "alerts-it", work.resolve("state"), Map.of());
        broker.createTopics(config.topics());

        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config));
             PrometheusServer prometheus = PrometheusServer.start(work, "ticket-sync", "127.0.0.1:" + app.port(), RULES)) {
            assertThat(firing(prometheus)).as("nothing to alert on yet").isEmpty();

            broker.produce(config.topics().input(), List.of(
                    Workloads.record("T-1", "{\"ticketId\":".getBytes(StandardCharsets.UTF_8))));

            final List<String> alerts = Await.until("the dead-letter alert firing", () -> firing(prometheus),
                    firing -> firing.contains("TicketSyncDeadLetters DESERIALIZATION/invalid-json"), Duration.ofSeconds(90));
            assertThat(alerts).noneMatch(alert -> alert.startsWith("TicketSyncInstanceDown"));
            for (final String query : dashboardQueries()) {
                assertThat(prometheus.query(query).path("status").asText()).as("dashboard query %s", query)
                        .isEqualTo("success");
            }
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    /** The firing alerts, as "name stage/reason". */
    private static List<String> firing(final PrometheusServer prometheus) {
        try {
            final List<String> firing = new ArrayList<>();
            for (final JsonNode alert : prometheus.alerts()) {
                if ("firing".equals(alert.path("state").asText())) {
                    final JsonNode labels = alert.path("labels");
                    firing.add(labels.path("alertname").asText() + " " + labels.path("stage").asText() + "/"
                            + labels.path("reason").asText());
                }
            }
            return firing;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> dashboardQueries() throws IOException {
        final List<String> queries = new ArrayList<>();
        for (final JsonNode panel : Json.MAPPER.readTree(DASHBOARD.toFile()).path("panels")) {
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(8);
        return queries;
    }
}
