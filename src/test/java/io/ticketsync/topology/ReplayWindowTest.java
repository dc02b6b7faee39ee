package io.ticketsync.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.failure.Reason;
import io.ticketsync.guard.Trip;
import io.ticketsync.testing.DriverHarness;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes of records read from the replay topic count in a window of their own, with the surge
 * brake's thresholds: a replay that mostly fails again trips that window, never the live one, and
 * live failures never trip the replay window.
 */
class ReplayWindowTest {

    private static final TicketSyncConfig CONFIG = TestConfigs.with(Map.of(
            ConfigKeys.DLQ_SURGE_WINDOW_RECORDS, "100", ConfigKeys.DLQ_SURGE_MIN_RECORDS, "20"));

    private final AppServices services = TestServices.services(CONFIG, new SimpleMeterRegistry());
    private final DriverHarness harness = DriverHarness.of(services);
    private final List<Trip> liveTrips = new ArrayList<>();
    private final List<Trip> replayTrips = new ArrayList<>();

    {
        services.surgeBrake().onTrip(liveTrips::add);
        services.replayBrake().onTrip(replayTrips::add);
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void shouldTripOnlyTheReplayWindowWhenReplayedRecordsFailAgain() {
        for (int i = 0; i < 30; i++) {
            harness.send(upsert("L-" + i, 1));
            harness.sendReplayed(upsert("R-" + i, 1).status("no-such-status"));
        }

        assertThat(liveTrips).isEmpty();
        assertThat(services.surgeBrake().tripped()).isEmpty();
        assertThat(replayTrips).singleElement().satisfies(trip -> {
            assertThat(trip.deadLetters()).isEqualTo(20);
            assertThat(trip.window()).isEqualTo(20);
            assertThat(trip.mostly()).isEqualTo(Reason.UNMAPPED_STATUS);
            assertThat(trip.deadLetterSpan()).startsWith(CONFIG.topics().replay() + "-");
        });
    }

    @Test
    void shouldJudgeLiveRecordsWithoutTheReplayedOnes() {
        for (int i = 0; i < 30; i++) {
            harness.send(upsert("L-" + i, 1).status("no-such-status"));
            harness.sendReplayed(upsert("R-" + i, 1));
        }

        assertThat(replayTrips).isEmpty();
        assertThat(liveTrips).singleElement().satisfies(trip -> assertThat(trip.window()).isEqualTo(20));
    }

    @Test
    void shouldPickTheReplayWindowByTheTopicARecordWasReadFrom() {
        assertThat(services.brakeFor(CONFIG.topics().replay())).isSameAs(services.replayBrake());
        assertThat(services.brakeFor(CONFIG.topics().input())).isSameAs(services.surgeBrake());
        assertThat(services.replayBrake()).isNotSameAs(services.surgeBrake());
    }
}
