package io.ticketsync.console;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's rule (its class comment), and attacks on its bound: many addresses, many names, many threads. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void shouldDoubleTheDelayFrom250MillisUpTo8Seconds() {
        final List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(throttle.failed("10.0.0.1", "admin").delay().toMillis());
        }
        assertThat(delays).containsExactly(250L, 500L, 1_000L, 2_000L, 4_000L, 8_000L, 8_000L, 8_000L);
        assertThat(LoginThrottle.delay(Integer.MAX_VALUE)).isEqualTo(LoginThrottle.MAX_DELAY);
    }

    @Test
    void shouldCountPerAccountAcrossAddressesAndPerAddressAcrossAccounts() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0." + i, "admin");
        }
        assertThat(throttle.failed("10.0.1.1", "admin").delay()).as("sixth failure of the account").isEqualTo(Duration.ofSeconds(8));
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.2.1", "user-" + i);
        }
        assertThat(throttle.failed("10.0.2.1", "yet-another").delay()).as("sixth failure of the address").isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.failed("10.0.3.1", "nobody").delay()).as("fresh address and name").isEqualTo(LoginThrottle.FIRST_DELAY);
    }

    @Test
    void shouldCallAnAttemptThrottledOnlyWhileTheEarlierDelayRuns() {
        assertThat(throttle.failed("10.0.0.1", "admin").throttled()).isFalse();
        assertThat(throttle.failed("10.0.0.1", "admin").throttled()).as("within the first 250 ms").isTrue();
        now = now.plusSeconds(1);   // past the second failure's 500 ms
        assertThat(throttle.failed("10.0.0.1", "admin").throttled()).isFalse();
    }

    @Test
    void shouldForgetFailuresAQuarterOfAnHourAfterTheLastAndOnSuccess() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        now = now.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1);
        assertThat(throttle.failed("10.0.0.1", "admin").delay()).isEqualTo(LoginThrottle.FIRST_DELAY);
        throttle.failed("10.0.0.1", "admin");
        throttle.succeeded("10.0.0.1", "admin");
        assertThat(throttle.failed("10.0.0.1", "admin").delay()).isEqualTo(LoginThrottle.FIRST_DELAY);
    }

    @Test
    void shouldStayBoundedAndKeepTheAccountsCountWhenSprayedWithAddressesAndNames() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        for (int i = 0; i < 3 * LoginThrottle.MAX_TRACKED; i++) {
            throttle.failed("addr-" + i, "name-" + i + "x".repeat(i % 200));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(2 * LoginThrottle.MAX_TRACKED + 2);
        assertThat(throttle.failed("10.9.9.9", "admin").delay()).as("spraying did not flush the account").isEqualTo(LoginThrottle.MAX_DELAY);
        assertThat(throttle.failed("addr-new", "name-new").delay()).as("newcomers share the overflow count, long since maxed")
                .isEqualTo(LoginThrottle.MAX_DELAY);
    }

    @Test
    void shouldDropForgottenEntriesToMakeRoomWhenFull() {
        for (int i = 0; i < LoginThrottle.MAX_TRACKED; i++) {
            throttle.failed("addr-" + i, "admin");
        }
        now = now.plus(LoginThrottle.FORGET_AFTER).plusSeconds(2);
        assertThat(throttle.failed("addr-new", "someone").delay()).as("tracked on its own again").isEqualTo(LoginThrottle.FIRST_DELAY);
    }

    @Test
    void shouldCountEveryFailureAndStayBoundedUnderConcurrentAttempts() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<?>> attackers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                final int id = thread;
                attackers.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        throttle.failed("10.1." + id + "." + (i % 250), i % 2 == 0 ? "admin" : "name-" + id + "-" + i);
                    }
                }));
            }
            for (final Future<?> attacker : attackers) {
                attacker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(2 * LoginThrottle.MAX_TRACKED + 2 + 8);
        assertThat(throttle.failed("10.2.0.1", "admin").delay()).isEqualTo(LoginThrottle.MAX_DELAY);
    }
}
