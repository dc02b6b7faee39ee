package io.ticketsync.http;

import java.time.Duration;

/**
 * The bounds that keep the API answering while clients are slow or hostile and owners hang.
 *
 * @param idleTimeout        a connection with no bytes moving for this long is closed (a half-sent request too)
 * @param maxConnections     connections beyond this wait in the kernel's accept queue
 * @param forwardConnectTimeout how long connecting to a key's owner may take
 * @param forwardTimeout     how long a forwarded query may take in all, connecting included
 * @param maxForwards        forwarded queries in flight at once; more are answered 503
 */
public record HttpLimits(Duration idleTimeout, int maxConnections, Duration forwardConnectTimeout, Duration forwardTimeout, int maxForwards) {

    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(10), 256, Duration.ofSeconds(2), Duration.ofSeconds(5), 32);

    public HttpLimits {
        if (forwardTimeout.compareTo(idleTimeout) >= 0) {
            // A forward holds its client's connection without traffic: the idle timeout would cut it first.
            throw new IllegalArgumentException("forwardTimeout " + forwardTimeout + " must be shorter than idleTimeout "
                    + idleTimeout);
        }
        if (maxConnections < 1 || maxForwards < 1) {
            throw new IllegalArgumentException("maxConnections and maxForwards must be positive");
        }
    }
}
