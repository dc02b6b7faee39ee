package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A signed-in browser: who it is, what they may do, the CSRF token every form they post must carry,
 * and how long it lasts.
 *
 * @param expires when its tokens run out (then they are refreshed, or the session ends); never after {@code ends}
 * @param ends    the configured maximum age: the session ends then whatever its tokens say
 * @param tokens  the provider's tokens, for an OIDC sign-in
 */
record Session(String id, Actor actor, Set<Role> roles, String csrf, Instant expires, Instant ends,
               Optional<ProviderTokens> tokens) {

    Session {
        roles = Set.copyOf(roles);
    }

    /** The name pages show and letters record. */
    String user() {
        return actor.display();
    }

    boolean may(final Role role) {
        return roles.contains(role);
    }

    /** The same session with refreshed tokens and the roles they now grant. */
    Session renewed(final Actor actor, final Set<Role> roles, final Instant expires, final ProviderTokens tokens) {
        return new Session(id, actor, roles, csrf, expires.isBefore(ends) ? expires : ends, ends, Optional.of(tokens));
    }
}
