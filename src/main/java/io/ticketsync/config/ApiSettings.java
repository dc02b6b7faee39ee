package io.ticketsync.config;

import java.util.Optional;

import static io.ticketsync.config.ConfigKeys.HTTP_AUTH_TOKEN;
import static io.ticketsync.config.ConfigKeys.HTTP_BIND_ADDRESS;
import static io.ticketsync.config.ConfigKeys.HTTP_PORT;

/**
 * Where the read-only HTTP API listens and whether it wants a token.
 *
 * @param port      0 picks a free port
 * @param authToken the token {@code /tickets} and {@code /metrics} require; empty when the API
 *                  needs no authentication
 */
public record ApiSettings(String bindAddress, int port, Optional<String> authToken) {

    static ApiSettings read(final RawConfig raw) {
        return new ApiSettings(raw.required(HTTP_BIND_ADDRESS), raw.port(HTTP_PORT),
                raw.secret(HTTP_AUTH_TOKEN, "remove the key to turn authentication off"));
    }

    @Override
    public String toString() {
        return "ApiSettings[" + bindAddress + ":" + port + ", token=" + (authToken.isPresent() ? "[hidden]" : "none") + "]";
    }
}
