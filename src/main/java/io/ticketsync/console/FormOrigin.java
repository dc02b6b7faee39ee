package io.ticketsync.console;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

import java.net.URI;
import java.util.Optional;

/**
 * Whether a posted form came from the console's own pages: a browser names the page's origin in
 * {@code Origin} (or, failing that, {@code Referer}), and it must be the configured public origin
 * ({@code console.public.url}), or without one the origin the request itself reached. Without either
 * header (non-browser clients) the CSRF token alone decides.
 */
final class FormOrigin {

    private final Optional<WebOrigin> publicOrigin;

    FormOrigin(final Optional<URI> publicUrl) {
        this.publicOrigin = publicUrl.map(url -> WebOrigin.of(url.toString())
                .orElseThrow(() -> new IllegalArgumentException("not an http(s) origin: " + url)));
    }

    boolean genuine(final Request request, final ClientView client) {
        final String named = Optional.ofNullable(request.getHeaders().get(HttpHeader.ORIGIN))
                .orElse(request.getHeaders().get(HttpHeader.REFERER));
        if (named == null) {
            return true;
        }
        final WebOrigin expected = publicOrigin.orElse(client.origin());
        return WebOrigin.of(named).map(expected::equals).orElse(false);
    }
}
