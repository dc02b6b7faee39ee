package io.ticketsync.http;

import io.ticketsync.config.TicketSyncConfig;

import java.util.Optional;

/** Where the API listens, whether it wants a token, and its limits. */
public record HttpSettings(String bindAddress, int port, Optional<String> authToken, HttpLimits limits) {

    public static HttpSettings from(final TicketSyncConfig config) {
        return new HttpSettings(config.api().bindAddress(), config.api().port(), config.api().authToken(), HttpLimits.DEFAULTS);
    }

    @Override
    public String toString() {
        return "HttpSettings[" + bindAddress + ":" + port + ", " + BearerAuth.of(authToken) + ", " + limits + "]";
    }
}
