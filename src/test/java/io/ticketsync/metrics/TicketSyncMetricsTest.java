package io.ticketsync.metrics;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import io.ticketsync.runtime.TicketSyncApp;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every labelled series the dashboard and the alert rules query exists at zero from startup, so
 * a query that finds nothing is a broken query, and {@code increase()} sees the first count.
 */
class TicketSyncMetricsTest {

    private final TicketSyncConfig config = TestConfigs.defaults();

    @Test
    void shouldExposeEveryStageAndReasonAtZeroWhenStarted() {
        final String scrape = new TicketSyncApp(config, TicketSyncTopology.build(config)).metrics().scrape();

        final List<String> expected = new ArrayList<>();
        for (final Reason reason : Reason.values()) {
            for (final ErrorStage stage : reason.stages()) {
                final String labels = "{reason=\"" + reason.code() + "\",stage=\"" + stage.name() + "\"}";
                expected.add("ticketsync_dead_lettered_total" + labels + " 0.0");
                expected.add("ticketsync_dead_letter_surge_trips_total" + labels + " 0.0");
            }
        }
        assertThat(scrape.lines()).containsAll(expected);
        assertThat(scrape.lines().filter(line -> line.startsWith("ticketsync_dead_lettered_total{")))
                .as("no pair a reason cannot occur at").hasSize(expected.size() / 2);
    }

    @Test
    void shouldExposeDecisionsReplacementsAndInvalidTimestampsAtZeroWhenStarted() {
        final String scrape = new TicketSyncApp(config, TicketSyncTopology.build(config)).metrics().scrape();

        assertThat(scrape.lines()).contains(
                "ticketsync_uncaught_decisions_total{cause=\"recoverable\",decision=\"REPLACE_THREAD\"} 0.0",
                "ticketsync_uncaught_decisions_total{cause=\"fatal\",decision=\"SHUTDOWN_CLIENT\"} 0.0",
                "ticketsync_uncaught_decisions_total{cause=\"budget-spent\",decision=\"SHUTDOWN_CLIENT\"} 0.0",
                "ticketsync_uncaught_decisions_total{cause=\"broker-fault\",decision=\"REPLACE_THREAD\"} 0.0",
                "ticketsync_uncaught_decisions_total{cause=\"broker-budget-spent\",decision=\"SHUTDOWN_CLIENT\"} 0.0",
                "ticketsync_thread_replacements_total{budget=\"failure\"} 0.0",
                "ticketsync_thread_replacements_total{budget=\"broker\"} 0.0",
                "ticketsync_invalid_timestamps_total{topic=\"" + config.topics().input() + "\"} 0.0");
    }

    @Test
    void shouldCountOnTheRegisteredSeriesWhenADeadLetterArrives() {
        final TicketSyncMetrics metrics = TicketSyncMetrics.prometheus();
        metrics.registerAtZero(config.topics().input());

        metrics.deadLettered(ErrorStage.PROCESSING, Reason.UNEXPECTED_EXCEPTION);

        assertThat(metrics.scrape().lines())
                .contains("ticketsync_dead_lettered_total{reason=\"unexpected-exception\",stage=\"PROCESSING\"} 1.0")
                .contains("ticketsync_dead_lettered_total{reason=\"key-mismatch\",stage=\"PROCESSING\"} 0.0")
                .noneMatch(line -> line.contains("stage=\"PRODUCTION\""));
        assertThat(metrics.summary().deadLettered()).as("the summary says what happened, not what could")
                .isEqualTo(Map.of("PROCESSING/unexpected-exception", 1L));
    }
}
