package io.ticketsync.topology;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampWindowTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void shouldAcceptAnyAgeAndAtMostAnHourAheadLessAMinuteWhenKafkasDefaultsApply() {
        final TimestampWindow window = TimestampWindow.KAFKA_DEFAULT;

        assertThat(window.accepts(0L, NOW)).isTrue();
        assertThat(window.accepts(NOW + 3_540_000L, NOW)).isTrue();
        assertThat(window.accepts(NOW + 3_540_001L, NOW)).isFalse();
        assertThat(window.accepts(Long.MAX_VALUE, NOW)).isFalse();
    }

    @Test
    void shouldKeepHalfOfASmallAllowanceAsMarginWhenATopicRefusesOldRecords() {
        final TimestampWindow window = new TimestampWindow(1_000L, 3_600_000L);

        assertThat(window.accepts(NOW - 500L, NOW)).isTrue();
        assertThat(window.accepts(NOW - 501L, NOW)).isFalse();
    }

    @Test
    void shouldNeverAcceptANegativeTimestampWhenEvenUnbounded() {
        assertThat(TimestampWindow.UNBOUNDED.accepts(-1L, NOW)).isFalse();
        assertThat(TimestampWindow.UNBOUNDED.accepts(Long.MAX_VALUE, NOW)).isTrue();
        assertThat(TimestampWindow.UNBOUNDED.accepts(0L, Long.MAX_VALUE)).isTrue();
    }

    @Test
    void shouldTakeTheNarrowerSideOfEachWhenNarrowed() {
        final TimestampWindow narrowed = new TimestampWindow(60_000L, Long.MAX_VALUE)
                .narrowedTo(new TimestampWindow(Long.MAX_VALUE, 3_600_000L));

        assertThat(narrowed).isEqualTo(new TimestampWindow(60_000L, 3_600_000L));
    }

    @Test
    void shouldRefuseANegativeAllowanceWhenBuilt() {
        assertThatThrownBy(() -> new TimestampWindow(-1L, 0L)).isInstanceOf(IllegalArgumentException.class);
    }
}
