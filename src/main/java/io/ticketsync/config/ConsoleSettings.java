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

    @Override
    public String toString() {
        return "ConsoleSettings[" + bindAddress + ":" + port + ", user=" + user + ", password="
                + (password.isPresent() ? "[hidden]" : "none") + ", ticketsUrl=" + ticketsUrl.orElse(null) + "]";
    }
}
