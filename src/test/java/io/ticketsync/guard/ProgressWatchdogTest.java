package io.ticketsync.guard;

import io.ticketsync.testing.FakeClock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressWatchdogTest {

    private static final TopicPartition P0 = new TopicPartition("tickets.changes", 0);

    private final FakeClock clock = new FakeClock();
    private final ProgressWatchdog watchdog = new ProgressWatchdog(Duration.ofSeconds(30), clock);

    @Test
    void shouldReportStuckWhenInputWaitsAndCommittedOffsetDoesNotMove() {
        watchdog.sample(List.of(task(100, 150)));
        clock.advance(Duration.ofSeconds(29));
        assertThat(watchdog.sample(List.of(task(100, 150)))).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(watchdog.sample(List.of(task(100, 160)))).singleElement().asString()
                .contains("tickets.changes-0").contains("61 records waiting").contains("committed offset 100");
        assertThat(watchdog.stuck()).hasSize(1);
    }

    @Test
    void shouldReportOnePolledRecordStuckInMemory() {
        // Kafka reports the highest offset seen, inclusive: committed 100 and seen 100 is one record waiting.
        watchdog.sample(List.of(task(100, 100)));
        clock.advance(Duration.ofSeconds(31));

        assertThat(watchdog.sample(List.of(task(100, 100)))).singleElement().asString().contains("1 records waiting");
    }

    @Test
    void shouldNotReportQuietPartitionWithNothingWaiting() {
        watchdog.sample(List.of(task(100, 99)));
        clock.advance(Duration.ofHours(1));

        assertThat(watchdog.sample(List.of(task(100, 99)))).isEmpty();
    }

    @Test
    void shouldAskTheBrokersLogEndForInputTheTaskHasNotSeen() {
        // A thread that stopped polling has seen everything up to 99; the broker holds 20 more.
        watchdog.sample(List.of(task(100, 99)), Map.of(P0, 120L));
        clock.advance(Duration.ofSeconds(31));

        assertThat(watchdog.sample(List.of(task(100, 99)), Map.of(P0, 120L))).singleElement().asString()
                .contains("20 records waiting");
    }

    @Test
    void shouldKeepThePartitionsClockWhileItIsReassigned() {
        watchdog.sample(List.of(task(100, 150)));
        clock.advance(Duration.ofSeconds(20));
        // The thread died: for a while no thread has the partition, then the replacement takes it.
        watchdog.sample(List.of());
        clock.advance(Duration.ofSeconds(11));

        assertThat(watchdog.sample(List.of(task(100, 150)))).hasSize(1);
    }

    @Test
    void shouldStartTheClockWhenInputArrivesNotWhenOffsetLastMoved() {
        watchdog.sample(List.of(task(100, 99)));
        clock.advance(Duration.ofHours(1));
        watchdog.sample(List.of(task(100, 101)));
        clock.advance(Duration.ofSeconds(10));

        assertThat(watchdog.sample(List.of(task(100, 105)))).isEmpty();
    }

    @Test
    void shouldClearWhenCommittedOffsetMovesAgain() {
        watchdog.sample(List.of(task(100, 150)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(watchdog.sample(List.of(task(100, 150)))).hasSize(1);

        assertThat(watchdog.sample(List.of(task(120, 150)))).isEmpty();
    }

    @Test
    void shouldTreatUnknownEndOffsetAsNothingWaiting() {
        watchdog.sample(List.of(task(-1, -1)));
        clock.advance(Duration.ofMinutes(5));

        assertThat(watchdog.sample(List.of(task(-1, -1)))).isEmpty();
    }

    private static TaskMetadata task(final long committed, final long end) {
        return new TaskMetadata() {
            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public Set<TopicPartition> topicPartitions() {
                return Set.of(P0);
            }

            @Override
            public Map<TopicPartition, Long> committedOffsets() {
                return Map.of(P0, committed);
            }

            @Override
            public Map<TopicPartition, Long> endOffsets() {
                return Map.of(P0, end);
            }

            @Override
            public Optional<Long> timeCurrentIdlingStarted() {
                return Optional.empty();
            }
        };
    }
}
