package io.ticketsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The dead-letter console's settings.
 *
 * @param password   empty when none is configured: then the console refuses to start
 * @param ticketsUrl a ticket-sync HTTP API to ask for a ticket's current snapshot, if any
 * @param staleReady  how long the index may be stale before {@code /health/ready} fails
 * @param staleExit   how long the index may be stale before {@code /health/live} fails and the console exits; zero: never
 */
public record ConsoleSettings(String bindAddress, int port, String user, Optional<String> password, Optional<URI> ticketsUrl,
                              Duration staleReady, Duration staleExit) {

    static ConsoleSettings read(final RawConfig raw) {
        return new ConsoleSettings(raw.required(ConfigKeys.CONSOLE_BIND_ADDRESS), raw.port(ConfigKeys.CONSOLE_PORT),
                raw.required(ConfigKeys.CONSOLE_USER), raw.secret(ConfigKeys.CONSOLE_PASSWORD, "the console needs it"),
                raw.httpUrl(ConfigKeys.CONSOLE_TICKETS_URL), raw.millis(ConfigKeys.CONSOLE_INDEX_STALE_READY_MS),
                Duration.ofMillis(raw.longBetween(ConfigKeys.CONSOLE_INDEX_STALE_EXIT_MS, 0, Long.MAX_VALUE / 1_000_000,
                        "0 (never) or a positive number of milliseconds")));
    }

    /** @throws InvalidConfigException when none is configured: the console shows ticket data and can replay */
    public String requirePassword() {
        return password.orElseThrow(() -> new InvalidConfigException("the console needs a password: set console.password"
                + " (TICKET_SYNC_CONSOLE_PASSWORD), at least 16 characters"));
    }

    @Override
    public String toString() {
        return "ConsoleSettings[" + bindAddress + ":" + port + ", user=" + user + ", password="
                + (password.isPresent() ? "[hidden]" : "none") + ", ticketsUrl=" + ticketsUrl.orElse(null) + ", staleReady=" + staleReady.toMillis() + " ms, staleExit="
                + staleExit.toMillis() + " ms]";
    }
}
