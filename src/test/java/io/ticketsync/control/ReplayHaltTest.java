package io.ticketsync.control;

import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import io.ticketsync.guard.Trip;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayHaltTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private final Trip trip = new Trip(Trip.Scope.REASON, ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS, 90, 100, 0.5,
            "unmapped-status (PROCESSING) 90, unmapped-priority (PROCESSING) 5", 0, "tickets.changes.replay-0@0..99", 95,
            Reason.UNMAPPED_STATUS);

    @Test
    void shouldSayHowManyReplayedRecordsFailedAgainAndWhyMostly() {
        final ReplayHalt halt = ReplayHalt.of(trip, "host-1/42", AT);

        assertThat(halt.reason()).isEqualTo("95 of the last 100 replayed records were dead-lettered again, mostly unmapped-status");
        assertThat(halt.mostly()).isEqualTo("unmapped-status");
        assertThat(halt.shares()).isEqualTo(trip.shares());
    }

    @Test
    void shouldRoundTripAsJsonUnderTheDeadLetterTopicsKey() {
        final ReplayHalt halt = ReplayHalt.of(trip, "host-1/42", AT);

        assertThat(ReplayHalt.fromJson(halt.toJson())).contains(halt);
        assertThat(new String(ReplayHalt.keyBytes("tickets.dlq"), StandardCharsets.UTF_8)).isEqualTo("replay-halt/tickets.dlq");
        assertThat(new String(halt.toJson(), StandardCharsets.UTF_8)).contains("\"at\":\"2026-12-07T10:00:00Z\"")
                .contains("\"deadLettered\":95").contains("\"window\":100");
    }

    @Test
    void shouldIgnoreValuesThatAreNotHalts() {
        assertThat(ReplayHalt.fromJson(null)).isEmpty();
        assertThat(ReplayHalt.fromJson("{\"state\":\"ENGAGED\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ReplayHalt.fromJson("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
