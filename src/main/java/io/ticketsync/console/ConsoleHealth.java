package io.ticketsync.console;

import io.ticketsync.config.ConsoleSettings;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's own health, judged by its index: {@code /health/ready} fails until the index has
 * caught up once and while it has been stale for {@code console.index.stale.ready.ms};
 * {@code /health/live} fails, and the console should exit, once it has been stale for
 * {@code console.index.stale.exit.ms} (0: never). {@code /metrics} says the same in Prometheus text.
 * Unauthenticated: probes and scrapers have no session, and the answers hold no ticket data.
 */
final class ConsoleHealth {

    /** An answer to one of the probe paths. */
    record Answer(int status, String contentType, String body) {
    }

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final DeadLetterCatalog catalog;
    private final Duration staleReady;
    private final Duration staleExit;

    ConsoleHealth(final DeadLetterCatalog catalog, final ConsoleSettings settings) {
        this.catalog = catalog;
        this.staleReady = settings.staleReady();
        this.staleExit = settings.staleExit();
    }

    /** The answer for {@code path}, or empty when it is not a probe path. */
    Optional<Answer> answer(final String path) {
        return switch (path) {
            case "/health/live" -> Optional.of(live());
            case "/health/ready" -> Optional.of(ready());
            case "/metrics" -> Optional.of(metrics());
            default -> Optional.empty();
        };
    }

    /** Why the console should exit (its index stale for too long), or empty. */
    Optional<String> fatal() {
        final CatalogProgress progress = catalog.progress();
        if (staleExit.isZero() || !staleLongerThan(progress, staleExit)) {
            return Optional.empty();
        }
        return Optional.of("the index has been stale since " + progress.staleSince() + " (longer than console.index.stale.exit.ms="
                + staleExit.toMillis() + "): " + progress.problem());
    }

    private Answer live() {
        return fatal().map(why -> new Answer(503, TEXT, "not live: " + why + "\n")).orElse(new Answer(200, TEXT, "live\n"));
    }

    private Answer ready() {
        final CatalogProgress progress = catalog.progress();
        if (!progress.caughtUp()) {
            return new Answer(503, TEXT, "not ready: the index has not caught up with the dead-letter topic yet ("
                    + progress.indexed() + " of " + progress.inTopic() + " letters read)"
                    + (progress.stale() ? "; " + progress.problem() : "") + "\n");
        }
        if (staleLongerThan(progress, staleReady)) {
            return new Answer(503, TEXT, "not ready: the index has been stale since " + progress.staleSince() + ": "
                    + progress.problem() + "\n");
        }
        return new Answer(200, TEXT, "ready\n");
    }

    private Answer metrics() {
        final CatalogProgress progress = catalog.progress();
        final StringBuilder body = new StringBuilder();
        gauge(body, "ticketsync_console_index_stale_seconds", "How long the console's index has been stale; 0 while fresh.",
                progress.staleSeconds());
        gauge(body, "ticketsync_console_index_letters", "Letters in the console's index.", progress.indexed());
        gauge(body, "ticketsync_console_index_lag_records", "Records in the dead-letter and resolutions topics past the index's "
                + "positions, at the end offsets last read.", progress.lagRecords());
        gauge(body, "ticketsync_console_index_caught_up", "1 once the index has caught up with the topics (since it last started over).",
                progress.caughtUp() ? 1 : 0);
        return new Answer(200, PROMETHEUS, body.toString());
    }

    private static boolean staleLongerThan(final CatalogProgress progress, final Duration limit) {
        return progress.stale() && progress.staleSeconds() * 1000 > limit.toMillis();
    }

    private static void gauge(final StringBuilder body, final String name, final String help, final double value) {
        body.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%s", value)).append('\n');
    }
}
