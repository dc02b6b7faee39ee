package io.ticketsync.console;

import io.ticketsync.config.ConsoleSettings;
import io.ticketsync.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IndexFreshnessTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final IndexFreshness freshness = new IndexFreshness(clock);

    @Test
    void shouldBeFreshOnceTheEndsReadAreReached() {
        freshness.endsRead(clock.instant(), 10, 10);
        freshness.polled(true, 0);
        clock.advance(Duration.ofSeconds(10));
        final CatalogProgress progress = freshness.progress(10);
        assertThat(progress.caughtUp()).isTrue();
        assertThat(progress.stale()).isFalse();
        assertThat(progress.staleSeconds()).isZero();
    }

    @Test
    void shouldBeStaleSinceTheLastEndsReachedWhenNothingAnswers() {
        freshness.endsRead(clock.instant(), 10, 10);
        freshness.polled(true, 0);
        // A frozen broker: no answer, no failure either, for longer than the bound.
        clock.advance(IndexFreshness.BEHIND.plusSeconds(5));
        final CatalogProgress progress = freshness.progress(10);
        assertThat(progress.stale()).isTrue();
        assertThat(progress.staleSince()).isEqualTo(T0);
        assertThat(progress.staleSeconds()).isEqualTo(IndexFreshness.BEHIND.plusSeconds(5).toSeconds());
    }

    @Test
    void shouldBeStaleAtOnceWhenAReadFailsAndFreshAgainAfterASuccess() {
        freshness.endsRead(clock.instant(), 10, 10);
        freshness.polled(true, 0);
        clock.advance(Duration.ofSeconds(3));
        freshness.failed("TimeoutException: Timeout of 4000ms expired");
        assertThat(freshness.progress(10).problem()).startsWith("TimeoutException");
        freshness.endsRead(clock.instant(), 12, 2);
        freshness.polled(true, 0);
        assertThat(freshness.progress(12).stale()).isFalse();
    }

    @Test
    void shouldFailReadinessThenLivenessAsStalenessGrows() {
        final CatalogProgressHolder catalog = new CatalogProgressHolder(freshness);
        final ConsoleHealth health = new ConsoleHealth(catalog, new ConsoleSettings("127.0.0.1", 0, "admin", Optional.empty(),
                Optional.empty(), Optional.empty(), java.util.Set.of(), Duration.ofSeconds(30), Duration.ofMinutes(10),
                ConsoleSettings.Auth.PASSWORD, Duration.ofHours(8)));
        assertThat(health.answer("/health/ready").orElseThrow().status()).as("not caught up yet").isEqualTo(503);
        freshness.endsRead(clock.instant(), 10, 10);
        freshness.polled(true, 0);
        assertThat(health.answer("/health/ready").orElseThrow().status()).isEqualTo(200);
        freshness.failed("TimeoutException: no answer");
        clock.advance(Duration.ofSeconds(31));
        assertThat(health.answer("/health/ready").orElseThrow().body()).contains("stale since " + T0).contains("no answer");
        assertThat(health.answer("/health/live").orElseThrow().status()).isEqualTo(200);
        assertThat(health.answer("/metrics").orElseThrow().body()).contains("ticketsync_console_index_stale_seconds 31.0");
        clock.advance(Duration.ofMinutes(10));
        assertThat(health.answer("/health/live").orElseThrow().status()).isEqualTo(503);
        assertThat(health.fatal()).hasValueSatisfying(why -> assertThat(why).contains("console.index.stale.exit.ms=600000"));
    }


    /** A catalog that only reports progress. */
    private static final class CatalogProgressHolder implements DeadLetterCatalog {
        private final IndexFreshness freshness;

        CatalogProgressHolder(final IndexFreshness freshness) {
            this.freshness = freshness;
        }

        @Override
        public Overview overview(final Duration bucket, final int newest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LetterPage page(final LetterQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<LetterDetail> letter(final io.ticketsync.deadletter.tools.LetterId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CatalogProgress progress() {
            return freshness.progress(10);
        }

        @Override
        public void close() {
        }
    }
}
