package io.ticketsync.console;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A web origin as browsers compare them: scheme, host and port, with the scheme's default port
 * written out, so {@code https://console.example.com} and {@code https://console.example.com:443}
 * are one origin, and Jetty's "no port" (-1) is the scheme's default.
 */
record WebOrigin(String scheme, String host, int port) {

    WebOrigin {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        port = port > 0 ? port : defaultPort(scheme);
    }

    /** The origin of an absolute http(s) URL (an Origin or Referer header); empty for anything else, {@code null} included. */
    static Optional<WebOrigin> of(final String url) {
        try {
            final URI uri = URI.create(url);
            final String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return Optional.empty();
            }
            return Optional.of(new WebOrigin(scheme, uri.getHost(), uri.getPort()));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int defaultPort(final String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
