package io.ticketsync.console;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

import java.net.URI;

/**
 * The headers every console answer carries, pages and errors alike: no script, no framing, no
 * sniffing, no referrer leaving the console, and nothing stored by a cache (pages show letter data).
 * Forms go to the console only, except that signing out may continue at the identity provider's
 * end-session page: browsers hold a form's redirects to {@code form-action} too.
 */
final class SecurityHeaders {

    static final String CSP = csp("'self'");

    private final String csp;

    private SecurityHeaders(final String csp) {
        this.csp = csp;
    }

    static SecurityHeaders consoleOnly() {
        return new SecurityHeaders(CSP);
    }

    /** Also lets the sign-out form's redirect reach the provider's end-session page, at this origin. */
    static SecurityHeaders signingOutAt(final URI providerOrigin) {
        return new SecurityHeaders(csp("'self' " + providerOrigin));
    }

    private static String csp(final String formTargets) {
        return "default-src 'none'; style-src 'self'; img-src 'self'; form-action " + formTargets + "; "
                + "frame-ancestors 'none'; base-uri 'none'";
    }

    void apply(final HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", csp);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "same-origin");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }
}
