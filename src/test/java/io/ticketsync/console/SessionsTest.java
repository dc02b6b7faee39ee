package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final Sessions sessions = new Sessions(clock, Duration.ofHours(8));
    private final Actor alice = Actor.signedIn("alice-sub", Optional.of("alice@example.com"), List.of("viewer"));

    @Test
    void shouldEndASessionWhenItsTokensExpireAndNothingRenewsThem() {
        final Session session = sessions.open(alice, Set.of(Role.VIEWER), clock.instant().plus(Duration.ofMinutes(5)), Optional.empty());
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(sessions.find(session.id())).contains(session);
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void shouldRenewOnceWhenManyRequestsFindItExpiredAtOnce() throws Exception {
        final AtomicInteger renewals = new AtomicInteger();
        final CountDownLatch inside = new CountDownLatch(1);
        sessions.renewWith(expired -> {
            renewals.incrementAndGet();
            inside.countDown();
            sleep(200); // a provider's round trip, while other requests arrive
            return Optional.of(expired.renewed(expired.actor(), Set.of(Role.VIEWER, Role.VALUES),
                    clock.instant().plus(Duration.ofMinutes(5)), new ProviderTokens(null, Optional.empty())));
        });
        final Session session = sessions.open(alice, Set.of(Role.VIEWER), clock.instant().plus(Duration.ofMinutes(5)), Optional.empty());
        clock.advance(Duration.ofMinutes(6));
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Optional<Session>>> found = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                found.add(pool.submit(() -> sessions.find(session.id())));
            }
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            for (final Future<Optional<Session>> answer : found) {
                final Session renewed = answer.get(5, TimeUnit.SECONDS).orElseThrow();
                assertThat(renewed.id()).isEqualTo(session.id());
                assertThat(renewed.csrf()).isEqualTo(session.csrf());
                assertThat(renewed.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.VALUES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(renewals).as("a refresh token may count once").hasValue(1);
    }

    @Test
    void shouldEndAtTheMaximumAgeWhateverTheTokensSay() {
        sessions.renewWith(expired -> Optional.of(expired.renewed(expired.actor(), expired.roles(),
                clock.instant().plus(Duration.ofHours(1)), new ProviderTokens(null, Optional.empty()))));
        final Session session = sessions.open(alice, Set.of(Role.VIEWER), clock.instant().plus(Duration.ofDays(2)), Optional.empty());
        assertThat(session.expires()).isEqualTo(session.ends()).isEqualTo(clock.instant().plus(Duration.ofHours(8)));
        clock.advance(Duration.ofHours(8));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void shouldEndWhenTheRenewalIsRefused() {
        sessions.renewWith(expired -> Optional.empty());
        final Session session = sessions.open(alice, Set.of(Role.VIEWER), clock.instant().plus(Duration.ofMinutes(1)), Optional.empty());
        clock.advance(Duration.ofMinutes(2));
        assertThat(sessions.find(session.id())).isEmpty();
        sessions.renewWith(expired -> {
            throw new AssertionError("an ended session is not renewed again");
        });
        assertThat(sessions.find(session.id())).isEmpty();
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
