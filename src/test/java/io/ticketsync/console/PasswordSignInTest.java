package io.ticketsync.console;

import io.ticketsync.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordSignInTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final Sessions sessions = new Sessions(clock, Duration.ofHours(8));
    private final PasswordSignIn auth = new PasswordSignIn("admin", "a-long-enough-password", sessions, clock,
            (level, event) -> audit.add(level + " " + event.toJson()), new SessionCookie(false), new Answers(new ConsolePages()));

    @Test
    void shouldOpenASessionOnlyForTheRightUserAndPassword() {
        assertThat(auth.login("admin", "wrong", "10.0.0.1").session()).isEmpty();
        assertThat(auth.login("root", "a-long-enough-password", "10.0.0.1").session()).isEmpty();
        assertThat(auth.login(null, null, "10.0.0.1").session()).isEmpty();
        final Session session = auth.login("admin", "a-long-enough-password", "10.0.0.1").session().orElseThrow();
        assertThat(sessions.find(session.id())).contains(session);
        assertThat(session.roles()).as("the shared account holds every role").containsExactlyInAnyOrder(Role.values());
        assertThat(session.csrf()).isNotEqualTo(session.id()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(Sessions.csrfMatches(session, session.csrf())).isTrue();
        assertThat(Sessions.csrfMatches(session, session.id())).isFalse();
        assertThat(Sessions.csrfMatches(session, null)).isFalse();
        assertThat(auth.signOut(session)).isEqualTo("/login");
        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(audit).last().asString().contains("\"action\":\"sign-out\"").contains("\"actor\":\"admin\"")
                .contains("\"actorSource\":\"password\"");
    }

    @Test
    void shouldExpireSessions() {
        final Session session = auth.login("admin", "a-long-enough-password", "10.0.0.1").session().orElseThrow();
        clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertThat(sessions.find(session.id())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.find(session.id())).as("the maximum age ends it").isEmpty();
        assertThat(sessions.find("made-up")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void shouldNeverRefuseTheRightPasswordWhenAnAddressAndTheAccountFailedManyTimes() {
        for (int i = 0; i < 50; i++) {
            assertThat(auth.login("admin", "guess-" + i, "10.0.0.9").session()).isEmpty();
        }
        final PasswordSignIn.Attempt right = auth.login("admin", "a-long-enough-password", "10.0.0.9");
        assertThat(right.session()).isPresent();
        assertThat(right.delay()).as("answered at once").isZero();
        assertThat(right.throttled()).isFalse();
    }

    @Test
    void shouldDelayWrongAttemptsMoreAndAuditThemAsThrottledWhenTheyComeDuringTheDelay() {
        final PasswordSignIn.Attempt first = auth.login("admin", "guess-1", "10.0.0.9");
        assertThat(first.delay()).isEqualTo(LoginThrottle.FIRST_DELAY);
        assertThat(first.throttled()).isFalse();
        final PasswordSignIn.Attempt second = auth.login("admin", "guess-2", "10.0.0.9");
        assertThat(second.delay()).isEqualTo(LoginThrottle.FIRST_DELAY.multipliedBy(2));
        assertThat(second.throttled()).as("the clock did not move: it came during the first delay").isTrue();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).startsWith("WARN {").contains("\"outcome\":\"failed\"")
                .contains("\"client\":\"10.0.0.9\",\"delayMs\":250");
        assertThat(audit.get(1)).startsWith("WARN {").contains("\"outcome\":\"throttled\"")
                .contains("\"client\":\"10.0.0.9\",\"delayMs\":500");
    }

    @Test
    void shouldAuditAnyUserNameAsOneEscapedJsonLine() {
        auth.login("\uD83D\uDE00 admin\n{\"action\":\"forged\"}", "x", "10.0.0.1");
        assertThat(audit).singleElement().asString().doesNotContain("\n").contains("\\n{\\\"action\\\":\\\"forged\\\"}")
                .contains("\uD83D\uDE00 admin");
    }
}
