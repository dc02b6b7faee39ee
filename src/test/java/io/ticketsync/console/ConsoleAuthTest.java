package io.ticketsync.console;

import io.ticketsync.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleAuthTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final ConsoleAuth auth = new ConsoleAuth("admin", "a-long-enough-password", clock,
            (level, event) -> audit.add(level + " " + event.toJson()));

    @Test
    void shouldOpenASessionOnlyForTheRightUserAndPassword() {
        assertThat(auth.login("admin", "wrong", "10.0.0.1").session()).isEmpty();
        assertThat(auth.login("root", "a-long-enough-password", "10.0.0.1").session()).isEmpty();
        assertThat(auth.login(null, null, "10.0.0.1").session()).isEmpty();
        final ConsoleAuth.Session session = auth.login("admin", "a-long-enough-password", "10.0.0.1").session().orElseThrow();
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
        final ConsoleAuth.Session session = auth.login("admin", "a-long-enough-password", "10.0.0.1").session().orElseThrow();
        clock.advance(ConsoleAuth.SESSION_LIFETIME.plusSeconds(1));
        assertThat(auth.session(session.id())).isEmpty();
        assertThat(auth.session("made-up")).isEmpty();
        assertThat(auth.session(null)).isEmpty();
    }

    @Test
    void shouldNeverRefuseTheRightPasswordWhenAnAddressAndTheAccountFailedManyTimes() {
        for (int i = 0; i < 50; i++) {
            assertThat(auth.login("admin", "guess-" + i, "10.0.0.9").session()).isEmpty();
        }
        final ConsoleAuth.Attempt right = auth.login("admin", "a-long-enough-password", "10.0.0.9");
        assertThat(right.session()).isPresent();
        assertThat(right.delay()).as("answered at once").isZero();
        assertThat(right.throttled()).isFalse();
    }

    @Test
    void shouldDelayWrongAttemptsMoreAndAuditThemAsThrottledWhenTheyComeDuringTheDelay() {
        final ConsoleAuth.Attempt first = auth.login("admin", "guess-1", "10.0.0.9");
        assertThat(first.delay()).isEqualTo(LoginThrottle.FIRST_DELAY);
        assertThat(first.throttled()).isFalse();
        final ConsoleAuth.Attempt second = auth.login("admin", "guess-2", "10.0.0.9");
        assertThat(second.delay()).isEqualTo(LoginThrottle.FIRST_DELAY.multipliedBy(2));
        assertThat(second.throttled()).as("the clock did not move: it came during the first delay").isTrue();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).startsWith("WARN {").contains("\"outcome\":\"failed\",\"client\":\"10.0.0.9\",\"delayMs\":250");
        assertThat(audit.get(1)).startsWith("WARN {").contains("\"outcome\":\"throttled\",\"client\":\"10.0.0.9\",\"delayMs\":500");
    }

    @Test
    void shouldAuditAnyUserNameAsOneEscapedJsonLine() {
        auth.login("\uD83D\uDE00 admin\n{\"action\":\"forged\"}", "x", "10.0.0.1");
        assertThat(audit).singleElement().asString().doesNotContain("\n").contains("\\n{\\\"action\\\":\\\"forged\\\"}")
                .contains("\uD83D\uDE00 admin");
    }
}
