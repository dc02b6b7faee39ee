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
 * real broker; its counters are there at zero and alert on nothing; a bad record arrives, and
 * Prometheus's own API shows the dead-letter alert firing. Every query of the dashboard returns at
 * least one series from the same server.
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
            // The counters exist at zero before any dead letter, and a few rule evaluations over
            // them alert on nothing.
            Await.until("the zero dead-letter counter scraped 3 times", () -> seriesCount(prometheus,
                    "count_over_time(ticketsync_dead_lettered_total{stage=\"DESERIALIZATION\",reason=\"invalid-json\"}[1m]) >= 3"
                    + " and ticketsync_dead_lettered_total == 0"), count -> count == 1, Duration.ofSeconds(60));
            assertThat(firing(prometheus)).as("nothing to alert on yet").isEmpty();

            broker.produce(config.topics().input(), List.of(
                    Workloads.record("T-1", "{\"ticketId\":".getBytes(StandardCharsets.UTF_8))));

            final List<String> alerts = Await.until("the dead-letter alert firing", () -> firing(prometheus),
                    firing -> firing.contains("TicketSyncDeadLetters DESERIALIZATION/invalid-json"), Duration.ofSeconds(90));
            assertThat(alerts).noneMatch(alert -> alert.startsWith("TicketSyncInstanceDown"));
            // A misspelled metric is valid PromQL that finds nothing: every query must find a series.
            for (final String query : dashboardQueries()) {
                assertThat(prometheus.query(query).path("status").asText()).as("dashboard query %s", query)
                        .isEqualTo("success");
                Await.until("dashboard query " + query + " returning a series", () -> seriesCount(prometheus, query),
                        count -> count > 0, Duration.ofSeconds(30));
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

    /** How many series an instant query returns now. */
    private static int seriesCount(final PrometheusServer prometheus, final String query)
            throws IOException, InterruptedException {
        return prometheus.query(query).path("data").path("result").size();
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
