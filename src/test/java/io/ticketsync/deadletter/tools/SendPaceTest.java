package io.ticketsync.deadletter.tools;

import io.ticketsync.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The pace and the meter on a fake clock: no test waits for real time. */
class SendPaceTest {

    private final FakeClock clock = new FakeClock();
    private long slept;

    private SendPace pace(final int perSecond) {
        return new SendPace(perSecond, clock, nanos -> {
            slept += nanos;
            clock.advance(Duration.ofNanos(nanos));
        });
    }

    @Test
    void holdsTheRateOverTheWholeRun() {
        final SendPace pace = pace(100);
        final long start = clock.getAsLong();
        for (int i = 0; i < 3_000; i++) {
            pace.acquire();
        }
        // 3,000 sends at 100/s: the last is due 29.99 s after the first.
        assertThat(clock.getAsLong() - start).isEqualTo(Duration.ofMillis(29_990).toNanos());
    }

    @Test
    void makesUpForACommitButNotForALongStall() {
        final SendPace pace = pace(10);
        pace.acquire();
        clock.advance(Duration.ofMillis(500)); // a commit takes half a second: five sends are owed
        slept = 0;
        for (int i = 0; i < 5; i++) {
            pace.acquire();
        }
        assertThat(slept).as("the owed sends go at once").isZero();
        pace.acquire();
        assertThat(slept).isEqualTo(Duration.ofMillis(100).toNanos());

        clock.advance(Duration.ofSeconds(30)); // a stall: not a 300-letter burst
        slept = 0;
        pace.acquire();
        pace.acquire();
        assertThat(slept).isEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void noLimitNeverWaits() {
        final SendPace pace = pace(0);
        for (int i = 0; i < 1_000; i++) {
            pace.acquire();
        }
        assertThat(slept).isZero();
    }

    @Test
    void meterTellsRateRemainingAndEstimate() {
        final SendMeter meter = new SendMeter(1_000, clock);
        for (int i = 0; i < 200; i++) {
            clock.advance(Duration.ofMillis(50)); // 20 a second
            meter.sent();
        }
        final SendProgress progress = meter.progress();
        assertThat(progress.sent()).isEqualTo(200);
        assertThat(progress.remaining()).isEqualTo(800);
        assertThat(progress.rate()).isBetween(19.5, 20.5);
        assertThat(progress.estimate().orElseThrow().toSeconds()).isBetween(39L, 41L);
        assertThat(progress.describe()).startsWith("sent 200, 800 remaining, 20.0/s, about 4");
        assertThat(new SendMeter(-1, clock).progress().estimate()).isEqualTo(Optional.empty());

        final SendMeter late = new SendMeter(-1, clock);
        clock.advance(Duration.ofSeconds(10)); // the scan and the lease, before the first send
        for (int i = 0; i < 10; i++) {
            late.sent();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(late.progress().rate()).as("not diluted by the time before sending").isBetween(9.5, 10.5);
        assertThat(late.progress().remaining()).isEqualTo(-1);
    }
}
