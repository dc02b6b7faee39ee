package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory: random ids, each with its own CSRF token. A session whose
 * tokens ran out is renewed through its {@link Renewal} (one renewal at a time per session: a
 * provider may accept a refresh token only once) or ends; every session ends at its maximum age.
 */
final class Sessions {

    /** Renews a session whose tokens ran out, or says it ends. */
    @FunctionalInterface
    interface Renewal {
        Optional<Session> renew(Session expired);

        Renewal NONE = expired -> Optional.empty();
    }

    private final Clock clock;
    private final Duration maxAge;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> renewing = new ConcurrentHashMap<>();
    private volatile Renewal renewal = Renewal.NONE;

    Sessions(final Clock clock, final Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    void renewWith(final Renewal renewal) {
        this.renewal = renewal;
    }

    Session open(final Actor actor, final Set<Role> roles, final Instant tokensExpire, final Optional<ProviderTokens> tokens) {
        final Instant now = clock.instant();
        sessions.values().removeIf(old -> !now.isBefore(old.ends()));
        final Instant ends = now.plus(maxAge);
        final Session session = new Session(token(), actor, roles, token(), tokensExpire.isBefore(ends) ? tokensExpire : ends,
                ends, tokens);
        sessions.put(session.id(), session);
        return session;
    }

    Optional<Session> find(final String id) {
        if (id == null) {
            return Optional.empty();
        }
        final Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        final Instant now = clock.instant();
        if (!now.isBefore(session.ends())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return now.isBefore(session.expires()) ? Optional.of(session) : renew(id);
    }

    void close(final Session session) {
        sessions.remove(session.id());
    }

    /** How long a browser should keep the session's cookie. */
    Duration cookieLifetime(final Session session) {
        return Duration.between(clock.instant(), session.ends());
    }

    /** Whether a posted form's token is the session's, compared in constant time. */
    static boolean csrfMatches(final Session session, final String posted) {
        return posted != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                posted.getBytes(StandardCharsets.UTF_8));
    }

    String token() {
        final byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Optional<Session> renew(final String id) {
        synchronized (renewing.computeIfAbsent(id, key -> new Object())) {
            try {
                final Session current = sessions.get(id);
                if (current == null) {
                    return Optional.empty();
                }
                if (clock.instant().isBefore(current.expires())) {
                    return Optional.of(current); // another request renewed it meanwhile
                }
                final Optional<Session> renewed = renewal.renew(current);
                if (renewed.isPresent()) {
                    sessions.put(id, renewed.get());
                } else {
                    sessions.remove(id);
                }
                return renewed;
            } finally {
                renewing.remove(id);
            }
        }
    }
}
