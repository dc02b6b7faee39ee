package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditEvent;
import io.ticketsync.deadletter.tools.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the console: one configured user and password, checked in constant time; sessions
 * with random ids and their own CSRF token; failed logins slowed down by {@link LoginThrottle}, which
 * never refuses the right password. Logins and logouts go to the audit log; the password never does.
 */
final class ConsoleAuth {

    static final Duration SESSION_LIFETIME = Duration.ofHours(8);

    /** A logged-in user; {@code csrf} must come back with every form they post. */
    record Session(String id, Actor actor, String csrf, Instant expires) {

        /** The name pages show and letters record. */
        String user() {
            return actor.display();
        }
    }

    /**
     * What a login attempt got: a session, or how long to wait before saying no and whether the
     * attempt came while an earlier failure's delay still ran (throttled).
     */
    record Attempt(Optional<Session> session, Duration delay, boolean throttled) {
    }

    private final byte[] userDigest;
    private final byte[] passwordDigest;
    private final Clock clock;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LoginThrottle throttle;

    ConsoleAuth(final String user, final String password, final Clock clock, final AuditLog audit) {
        this.userDigest = sha256(user);
        this.passwordDigest = sha256(password);
        this.clock = clock;
        this.audit = audit;
        this.throttle = new LoginThrottle(clock);
    }

    /** Checks the credentials, both in full and in constant time, on every attempt: the throttle only delays a wrong one. */
    Attempt login(final String user, final String password, final String client) {
        final String name = user == null ? "" : user;
        final boolean userMatches = MessageDigest.isEqual(userDigest, sha256(name));
        final boolean passwordMatches = MessageDigest.isEqual(passwordDigest, sha256(password == null ? "" : password));
        if (!(userMatches && passwordMatches)) {
            final LoginThrottle.Verdict verdict = throttle.failed(client, name);
            audit.warn(AuditEvent.of("login", name, verdict.throttled() ? "throttled" : "failed").with("client", client)
                    .with("delayMs", verdict.delay().toMillis()));
            return new Attempt(Optional.empty(), verdict.delay(), verdict.throttled());
        }
        throttle.succeeded(client, name);
        final Session session = new Session(token(), Actor.passwordUser(name, Role.names(Role.ALL)), token(),
                clock.instant().plus(SESSION_LIFETIME));
        sessions.put(session.id(), session);
        audit.info(AuditEvent.of("login", name, "done").with("client", client));
        return new Attempt(Optional.of(session), Duration.ZERO, false);
    }

    Optional<Session> session(final String id) {
        if (id == null) {
            return Optional.empty();
        }
        final Session session = sessions.get(id);
        if (session == null || clock.instant().isAfter(session.expires())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    void logout(final Session session) {
        sessions.remove(session.id());
        audit.info(AuditEvent.of("logout", session.actor(), "done"));
    }

    /** Whether a posted form's token is the session's, compared in constant time. */
    static boolean csrfMatches(final Session session, final String posted) {
        return posted != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                posted.getBytes(StandardCharsets.UTF_8));
    }

    private String token() {
        final byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }


    private static byte[] sha256(final String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
