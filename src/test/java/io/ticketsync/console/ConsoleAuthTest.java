package io.ticketsync.console;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleAuthTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(final Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final ConsoleAuth auth = new ConsoleAuth("admin", "a-long-enough-password", clock, (level, line) -> { });

    @Test
    void shouldOpenASessionOnlyForTheRightUserAndPassword() {
        assertThat(auth.login("admin", "wrong", "10.0.0.1")).isEmpty();
        assertThat(auth.login("root", "a-long-enough-password", "10.0.0.1")).isEmpty();
        assertThat(auth.login(null, null, "10.0.0.1")).isEmpty();
        final ConsoleAuth.Session session = auth.login("admin", "a-long-enough-password", "10.0.0.1").orElseThrow();
        assertThat(auth.session(session.id())).contains(session);
        assertThat(session.csrf()).isNotEqualTo(session.id()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(ConsoleAuth.csrfMatches(session, session.csrf())).isTrue();
        assertThat(ConsoleAuth.csrfMatches(session, session.id())).isFalse();
        assertThat(ConsoleAuth.csrfMatches(session, null)).isFalse();
        auth.logout(session);
        assertThat(auth.session(session.id())).isEmpty();
    }

    @Test
    void shouldExpireSessions() {
        final ConsoleAuth.Session session = auth.login("admin", "a-long-enough-password", "10.0.0.1").orElseThrow();
        clock.advance(ConsoleAuth.SESSION_LIFETIME.plusSeconds(1));
        assertThat(auth.session(session.id())).isEmpty();
        assertThat(auth.session("made-up")).isEmpty();
        assertThat(auth.session(null)).isEmpty();
    }

    @Test
    void shouldStopCheckingAnAddressAfterTooManyFailuresForAMinute() {
        for (int i = 0; i < ConsoleAuth.MAX_FAILURES; i++) {
            assertThat(auth.mayTry("10.0.0.9")).isTrue();
            auth.login("admin", "guess-" + i, "10.0.0.9");
        }
        assertThat(auth.mayTry("10.0.0.9")).isFalse();
        assertThat(auth.mayTry("10.0.0.10")).as("another address").isTrue();
        clock.advance(ConsoleAuth.FAILURE_WINDOW.plusSeconds(1));
        assertThat(auth.mayTry("10.0.0.9")).isTrue();
    }
}
