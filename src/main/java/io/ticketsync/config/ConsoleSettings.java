package io.ticketsync.config;

import java.net.URI;
import java.util.Optional;

/**
 * The dead-letter console's settings.
 *
 * @param password   empty when none is configured: then the console refuses to start
 * @param ticketsUrl a ticket-sync HTTP API to ask for a ticket's current snapshot, if any
 */
public record ConsoleSettings(String bindAddress, int port, String user, Optional<String> password, Optional<URI> ticketsUrl) {

    static ConsoleSettings read(final RawConfig raw) {
        return new ConsoleSettings(raw.required(ConfigKeys.CONSOLE_BIND_ADDRESS), raw.port(ConfigKeys.CONSOLE_PORT),
                raw.required(ConfigKeys.CONSOLE_USER), raw.secret(ConfigKeys.CONSOLE_PASSWORD, "the console needs it"),
                raw.httpUrl(ConfigKeys.CONSOLE_TICKETS_URL));
    }

    /** @throws InvalidConfigException when none is configured: the console shows ticket data and can replay */
    public String requirePassword() {
        return password.orElseThrow(() -> new InvalidConfigException("the console needs a password: set console.password"
                + " (TICKET_SYNC_CONSOLE_PASSWORD), at least 16 characters"));
    }

    @Override
    public String toString() {
        return "ConsoleSettings[" + bindAddress + ":" + port + ", user=" + user + ", password="
                + (password.isPresent() ? "[hidden]" : "none") + ", ticketsUrl=" + ticketsUrl.orElse(null) + "]";
    }
}
