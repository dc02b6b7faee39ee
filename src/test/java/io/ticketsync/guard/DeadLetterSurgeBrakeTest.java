package io.ticketsync.guard;

import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import io.ticketsync.config.SurgeLimits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterSurgeBrakeTest {

    private final DeadLetterSurgeBrake brake = new DeadLetterSurgeBrake(new SurgeLimits(100, 20, 0.5));
    private final List<DeadLetterSurgeBrake.Trip> trips = new ArrayList<>();

    {
        brake.onTrip(trips::add);
    }

    @Test
    void shouldTripOnceWhenOneReasonReachesTheThresholdShare() {
        for (int i = 0; i < 30; i++) {
            brake.passed();
            brake.deadLettered(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
        }

        assertThat(trips).singleElement().satisfies(trip -> {
            assertThat(trip.reason()).isEqualTo(Reason.UNMAPPED_STATUS);
            assertThat(trip.describe()).isEqualTo("unmapped-status (PROCESSING): 10 of the last 20 records");
        });
        assertThat(brake.tripped()).isPresent();
    }

    @Test
    void shouldNotTripBeforeTheMinimumRecordCount() {
        for (int i = 0; i < 19; i++) {
            brake.deadLettered(ErrorStage.DESERIALIZATION, Reason.INVALID_JSON);
        }

        assertThat(trips).isEmpty();
    }

    @Test
    void shouldCountEachStageAndReasonOnItsOwn() {
        // 60% dead letters, but spread over three reasons of 20% each: normal noise, not a surge.
        for (int i = 0; i < 100; i++) {
            switch (i % 5) {
                case 0 -> brake.deadLettered(ErrorStage.DESERIALIZATION, Reason.INVALID_JSON);
                case 1 -> brake.deadLettered(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
                case 2 -> brake.deadLettered(ErrorStage.PROCESSING, Reason.UNMAPPED_PRIORITY);
                default -> brake.passed();
            }
        }

        assertThat(trips).isEmpty();
    }

    @Test
    void shouldForgetOutcomesThatLeftTheWindow() {
        for (int i = 0; i < 45; i++) {
            brake.deadLettered(ErrorStage.PROCESSING, Reason.KEY_MISMATCH);
            brake.passed();
            brake.passed();
        }
        // 1 in 3 so far; 100 passed records push the old dead letters out of the window.
        for (int i = 0; i < 100; i++) {
            brake.passed();
        }
        for (int i = 0; i < 40; i++) {
            brake.deadLettered(ErrorStage.PROCESSING, Reason.KEY_MISMATCH);
        }

        assertThat(trips).isEmpty();
        for (int i = 0; i < 10; i++) {
            brake.deadLettered(ErrorStage.PROCESSING, Reason.KEY_MISMATCH);
        }
        assertThat(trips).singleElement().extracting(DeadLetterSurgeBrake.Trip::count).isEqualTo(50);
    }
}
