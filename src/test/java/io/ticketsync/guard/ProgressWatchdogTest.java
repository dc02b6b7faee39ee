package io.ticketsync.guard;

import io.ticketsync.testing.FakeClock;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressWatchdogTest {

    private static final TopicPartition P0 = new TopicPartition("tickets.changes", 0);
    private static final TopicPartition P1 = new TopicPartition("tickets.changes", 1);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final FakeClock clock = new FakeClock();
    private final ProgressWatchdog watchdog = new ProgressWatchdog(TIMEOUT, clock);

    @Test
    void shouldReportStuckWhenInputWaitsAndCommittedOffsetDoesNotMove() {
        processing(100, 150);
        clock.advance(Duration.ofSeconds(29));
        assertThat(processing(100, 150)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(processing(100, 161)).singleElement().asString()
                .contains("tickets.changes-0").contains("61 records waiting").contains("committed offset 100");
        assertThat(watchdog.stuck()).hasSize(1);
    }

    @Test
    void shouldReportOneRecordWaiting() {
        // The broker's offsets are exclusive ends: committed 100 below a last stable offset of 101 is one record.
        processing(100, 101);
        clock.advance(Duration.ofSeconds(31));

        assertThat(processing(100, 101)).singleElement().asString().contains("1 records waiting");
    }

    @Test
    void shouldNotReportQuietPartitionWithNothingWaiting() {
        processing(100, 100);
        clock.advance(Duration.ofHours(1));

        assertThat(processing(100, 100)).isEmpty();
    }

    @Test
    void shouldReportAPartitionOwnedButNeverJudgedBefore() {
        // Assigned since its thread was last RUNNING, say: all that counts is that a consumer of this instance has it.
        watchdog.sample(Set.of(P0, P1), Map.of(), Map.of(P0, new PartitionOffsets(100, 100), P1, new PartitionOffsets(0, 5)));
        clock.advance(Duration.ofSeconds(31));

        assertThat(watchdog.sample(Set.of(P0, P1), Map.of(),
                Map.of(P0, new PartitionOffsets(100, 100), P1, new PartitionOffsets(0, 5))))
                .singleElement().asString().startsWith("tickets.changes-1: 5 records waiting");
    }

    @Test
    void shouldNotJudgePartitionsTheInstanceDoesNotOwn() {
        watchdog.sample(Set.of(), Map.of(), Map.of(P0, new PartitionOffsets(100, 150)));
        clock.advance(Duration.ofMinutes(5));

        assertThat(watchdog.sample(Set.of(), Map.of(), Map.of(P0, new PartitionOffsets(100, 150)))).isEmpty();
    }

    @Test
    void shouldNotReportARestoreThatKeepsProgressingHoweverLongItTakes() {
        // Input waits and the committed offset cannot move until the restore ends: the restore's progress is what counts.
        for (long batch = 1; batch <= 60; batch++) {
            assertThat(restoring(batch)).isEmpty();
            clock.advance(Duration.ofSeconds(20));
        }
        assertThat(restoring(61)).isEmpty();
    }

    @Test
    void shouldReportARestoreThatStopsProgressing() {
        restoring(7);
        clock.advance(Duration.ofSeconds(29));
        assertThat(restoring(7)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(restoring(7)).singleElement().asString()
                .isEqualTo("tickets.changes-0: restoring its state, no restore progress for 31 s");
    }

    @Test
    void shouldNotCountRestoreTimeAsProcessingTime() {
        processing(100, 150);
        clock.advance(Duration.ofSeconds(20));
        processing(100, 150);
        restoring(1);
        clock.advance(Duration.ofMinutes(10));
        restoring(2);
        clock.advance(Duration.ofSeconds(5));

        assertThat(processing(100, 150)).as("20 s before the restore, none during it").isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(processing(100, 150)).as("the clock stopped for the restore, not reset").hasSize(1);
    }

    @Test
    void shouldKeepThePartitionsClockWhileNoThreadOwnsIt() {
        processing(100, 150);
        clock.advance(Duration.ofSeconds(20));
        processing(100, 150);
        // The thread died: for a while no thread has the partition, then the replacement takes it.
        watchdog.sample(Set.of(), Map.of(), Map.of());
        clock.advance(Duration.ofHours(1));
        assertThat(processing(100, 150)).as("unowned time does not count").isEmpty();

        clock.advance(Duration.ofSeconds(11));
        assertThat(processing(100, 150)).as("owned time before and after adds up").hasSize(1);
    }

    @Test
    void shouldJudgeNothingAndCountNoTimeWhilePaused() {
        processing(100, 150);
        clock.advance(Duration.ofSeconds(31));
        assertThat(processing(100, 150)).hasSize(1);

        watchdog.paused();
        assertThat(watchdog.stuck()).isEmpty();
        clock.advance(Duration.ofHours(1));
        watchdog.paused();
        assertThat(watchdog.stuck()).isEmpty();

        assertThat(processing(100, 150)).as("resumed: the clock stands where it stood").hasSize(1);
    }

    @Test
    void shouldNotCountPausedTimeAsStuck() {
        processing(100, 150);
        clock.advance(Duration.ofSeconds(20));
        processing(100, 150);
        watchdog.paused();
        clock.advance(Duration.ofHours(1));

        assertThat(processing(100, 150)).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(processing(100, 150)).hasSize(1);
    }

    @Test
    void shouldStartTheClockWhenInputArrivesNotWhenOffsetLastMoved() {
        processing(100, 100);
        clock.advance(Duration.ofHours(1));
        processing(100, 102);
        clock.advance(Duration.ofSeconds(10));

        assertThat(processing(100, 105)).isEmpty();
    }

    @Test
    void shouldClearWhenCommittedOffsetMovesAgain() {
        processing(100, 150);
        clock.advance(Duration.ofMinutes(1));
        assertThat(processing(100, 150)).hasSize(1);

        assertThat(processing(120, 150)).isEmpty();
    }

    private List<String> processing(final long committed, final long lastStable) {
        return watchdog.sample(Set.of(P0), Map.of(), Map.of(P0, new PartitionOffsets(committed, lastStable)));
    }

    private List<String> restoring(final long progress) {
        return watchdog.sample(Set.of(P0), Map.of(P0, progress), Map.of());
    }
}
