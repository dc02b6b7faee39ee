package io.ticketsync.guard;

import io.ticketsync.config.SurgeAction;
import io.ticketsync.config.SurgeLimits;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterSurgeBrakeTest {

    private final DeadLetterSurgeBrake brake = new DeadLetterSurgeBrake(new SurgeLimits(100, 20, 0.5, 0.6, 0.7,
            SurgeAction.PAUSE));
    private final List<Trip> trips = new ArrayList<>();
    private long offset;

    {
        brake.onTrip(trips::add);
    }

    private void dead(final ErrorStage stage, final Reason reason) {
        brake.deadLettered(stage, reason, "tickets.changes", (int) (offset % 2), offset++);
    }

    @Test
    void shouldTripOnceWhenOneReasonReachesItsThresholdShare() {
        for (int i = 0; i < 30; i++) {
            brake.applied();
            dead(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
        }

        assertThat(trips).singleElement().satisfies(trip -> {
            assertThat(trip.scope()).isEqualTo(Trip.Scope.REASON);
            assertThat(trip.reason()).isEqualTo(Reason.UNMAPPED_STATUS);
            assertThat(trip.describe()).startsWith("unmapped-status (PROCESSING): 10 of the last 20 records (threshold 0.5)")
                    .contains("tickets.changes-0@0..8").contains("tickets.changes-1@1..9");
        });
        assertThat(brake.tripped()).isPresent();
    }

    @Test
    void shouldCountAllDeadLettersAndNameTheLargestReasonInATrip() {
        for (int i = 0; i < 30; i++) {
            dead(ErrorStage.PROCESSING, i % 3 == 0 ? Reason.UNMAPPED_PRIORITY : Reason.UNMAPPED_STATUS);
        }

        assertThat(trips).singleElement().satisfies(trip -> {
            assertThat(trip.deadLetters()).isEqualTo(trip.window()).isEqualTo(20);
            assertThat(trip.mostly()).isEqualTo(Reason.UNMAPPED_STATUS);
        });
    }

    @Test
    void shouldNotTripBeforeTheMinimumRecordCount() {
        for (int i = 0; i < 19; i++) {
            dead(ErrorStage.DESERIALIZATION, Reason.INVALID_JSON);
        }

        assertThat(trips).isEmpty();
    }

    @Test
    void shouldTripOnOneStageWhenABadDeployFailsForSeveralOfItsReasons() {
        // Every record dead-lettered, a third each of three reasons over two stages: no reason reaches 0.5.
        for (int i = 0; i < 30; i++) {
            switch (i % 3) {
                case 0 -> dead(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
                case 1 -> dead(ErrorStage.PROCESSING, Reason.UNMAPPED_PRIORITY);
                default -> dead(ErrorStage.DESERIALIZATION, Reason.WRONG_TYPE);
            }
        }

        assertThat(trips).singleElement().satisfies(trip -> {
            assertThat(trip.scope()).isEqualTo(Trip.Scope.STAGE);
            assertThat(trip.stage()).isEqualTo(ErrorStage.PROCESSING);
        });
    }

    @Test
    void shouldTripOnAllDeadLettersWhenNoStageReachesItsShare() {
        for (int i = 0; i < 40; i++) {
            switch (i % 4) {
                case 0 -> dead(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
                case 1 -> dead(ErrorStage.DESERIALIZATION, Reason.WRONG_TYPE);
                case 2 -> dead(ErrorStage.PROCESSING, Reason.KEY_MISMATCH);
                default -> dead(ErrorStage.DESERIALIZATION, Reason.INVALID_JSON);
            }
            if (i % 4 == 3) {
                brake.applied();
            }
        }

        assertThat(trips).singleElement().satisfies(trip -> {
            assertThat(trip.scope()).isEqualTo(Trip.Scope.ALL);
            assertThat(trip.describe()).startsWith("all dead letters: ").contains("unmapped-status (PROCESSING)");
        });
    }

    @Test
    void shouldNotLetStaleSkipsHideASurge() {
        // An upstream re-send: many stale duplicates between the dead letters.
        for (int i = 0; i < 30; i++) {
            dead(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
            for (int j = 0; j < 5; j++) {
                brake.stale();
            }
        }

        assertThat(trips).singleElement().satisfies(trip ->
                assertThat(trip.describe()).contains("20 of the last 20 records").contains("95 stale skipped apart"));
    }

    @Test
    void shouldNotTripOnNoiseBelowEveryThreshold() {
        // 40% dead letters over three reasons and both stages: below 0.5, 0.6 and 0.7.
        for (int i = 0; i < 100; i++) {
            switch (i % 5) {
                case 0 -> dead(ErrorStage.DESERIALIZATION, Reason.INVALID_JSON);
                case 1 -> dead(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
                default -> brake.applied();
            }
        }

        assertThat(trips).isEmpty();
    }

    @Test
    void shouldForgetOutcomesThatLeftTheWindow() {
        for (int i = 0; i < 45; i++) {
            dead(ErrorStage.PROCESSING, Reason.KEY_MISMATCH);
            brake.applied();
            brake.applied();
        }
        // 1 in 3 so far; 100 applied records push the old dead letters out of the window.
        for (int i = 0; i < 100; i++) {
            brake.applied();
        }
        for (int i = 0; i < 40; i++) {
            dead(ErrorStage.PROCESSING, Reason.KEY_MISMATCH);
        }

        assertThat(trips).isEmpty();
        for (int i = 0; i < 10; i++) {
            dead(ErrorStage.PROCESSING, Reason.KEY_MISMATCH);
        }
        assertThat(trips).singleElement().extracting(Trip::count).isEqualTo(50);
    }

    @Test
    void shouldJudgeOnlyWhatComesNextWhenRearmed() {
        for (int i = 0; i < 20; i++) {
            dead(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
        }
        assertThat(trips).hasSize(1);

        brake.rearm();
        assertThat(brake.tripped()).isEmpty();
        for (int i = 0; i < 19; i++) {
            dead(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
        }
        assertThat(trips).as("a fresh window needs the minimum again").hasSize(1);
        dead(ErrorStage.PROCESSING, Reason.UNMAPPED_STATUS);
        assertThat(trips).hasSize(2);
    }
}
