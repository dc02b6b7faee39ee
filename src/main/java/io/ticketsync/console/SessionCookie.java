package io.ticketsync.console;

import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

import java.time.Duration;

/**
 * A console cookie's name and attributes. Always {@code HttpOnly; Path=/} and never a {@code Domain};
 * the session's is {@code SameSite=Strict}. The sign-in state's is {@code SameSite=Lax}: the
 * provider's redirect back is a cross-site navigation, which a Strict cookie would not accompany.
 * When browsers reach the console over https ({@code console.public.url}), a cookie is also
 * {@code Secure} and named with the {@code __Host-} prefix, which browsers accept only with exactly
 * those attributes: no other host or plain-http page can plant or overwrite it.
 */
final class SessionCookie {

    static final String NAME = "ticketsync_console";
    static final String SECURE_NAME = "__Host-" + NAME;
    static final String STATE_NAME = "ticketsync_signin";

    private final String name;
    private final String attributes;

    /** The session's cookie. */
    SessionCookie(final boolean https) {
        this(NAME, "Strict", https);
    }

    private SessionCookie(final String name, final String sameSite, final boolean https) {
        this.name = https ? "__Host-" + name : name;
        this.attributes = "; Path=/; HttpOnly; SameSite=" + sameSite + (https ? "; Secure" : "");
    }

    /** The cookie that ties a provider's answer to the browser that started the sign-in. */
    static SessionCookie signInState(final boolean https) {
        return new SessionCookie(STATE_NAME, "Lax", https);
    }

    String name() {
        return name;
    }

    /** The Set-Cookie value that hands a browser the value for {@code lifetime}. */
    String issue(final String value, final Duration lifetime) {
        // Rounded up: a lifetime measured a moment after the session opened is a whole number of seconds less a little.
        return name + "=" + value + attributes + "; Max-Age=" + (lifetime.toMillis() + 999) / 1000;
    }

    /** The Set-Cookie value that makes the browser forget it. */
    String clear() {
        return name + "=" + attributes + "; Max-Age=0";
    }

    /** The value the request carries, or null. */
    String read(final Request request) {
        for (final HttpCookie cookie : Request.getCookies(request)) {
            if (name.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
