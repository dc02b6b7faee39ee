package io.ticketsync.console;

import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

import java.time.Duration;

/**
 * The session cookie's name and attributes. Always {@code HttpOnly; SameSite=Strict; Path=/} and
 * never a {@code Domain}. When browsers reach the console over https ({@code console.public.url}),
 * it is also {@code Secure} and named with the {@code __Host-} prefix, which browsers accept only
 * with exactly those attributes: no other host or plain-http page can plant or overwrite it.
 */
final class SessionCookie {

    static final String NAME = "ticketsync_console";
    static final String SECURE_NAME = "__Host-" + NAME;

    private final String name;
    private final String attributes;

    SessionCookie(final boolean https) {
        this.name = https ? SECURE_NAME : NAME;
        this.attributes = "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    String name() {
        return name;
    }

    /** The Set-Cookie value that hands a browser the session for its lifetime. */
    String issue(final String sessionId, final Duration lifetime) {
        return name + "=" + sessionId + attributes + "; Max-Age=" + lifetime.toSeconds();
    }

    /** The Set-Cookie value that makes the browser forget it. */
    String clear() {
        return name + "=" + attributes + "; Max-Age=0";
    }

    /** The session id the request carries, or null. */
    String read(final Request request) {
        for (final HttpCookie cookie : Request.getCookies(request)) {
            if (name.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
