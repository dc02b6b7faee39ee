package io.ticketsync.console;

import io.ticketsync.deadletter.tools.AuditEvent;
import io.ticketsync.deadletter.tools.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the console: one configured user and password, checked in constant time; sessions
 * with random ids and their own CSRF token; a throttle on failed logins per client address. Logins
 * and logouts go to the audit log; the password never does.
 */
final class ConsoleAuth {

    static final Duration SESSION_LIFETIME = Duration.ofHours(8);
    /** Failed logins allowed per client address within {@link #FAILURE_WINDOW}; more are refused unchecked. */
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    /** A logged-in user; {@code csrf} must come back with every form they post. */
    record Session(String id, String user, String csrf, Instant expires) {
    }

    private final byte[] userDigest;
    private final byte[] passwordDigest;
    private final Clock clock;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    ConsoleAuth(final String user, final String password, final Clock clock, final AuditLog audit) {
        this.userDigest = sha256(user);
        this.passwordDigest = sha256(password);
        this.clock = clock;
        this.audit = audit;
    }

    /** False while {@code client} has failed too often lately: its attempt is not even checked. */
    boolean mayTry(final String client) {
        final Deque<Instant> recent = failures.get(client);
        if (recent == null) {
            return true;
        }
        synchronized (recent) {
            final Instant cutoff = clock.instant().minus(FAILURE_WINDOW);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
                recent.pollFirst();
            }
            return recent.size() < MAX_FAILURES;
        }
    }

    /** A new session when the credentials are right; both are compared in full, in constant time. */
    Optional<Session> login(final String user, final String password, final String client) {
        final boolean userMatches = MessageDigest.isEqual(userDigest, sha256(user == null ? "" : user));
        final boolean passwordMatches = MessageDigest.isEqual(passwordDigest, sha256(password == null ? "" : password));
        if (!(userMatches && passwordMatches)) {
            final Deque<Instant> recent = failures.computeIfAbsent(client, key -> new ArrayDeque<>());
            synchronized (recent) {
                recent.addLast(clock.instant());
            }
            audit.warn(AuditEvent.of("login", user == null ? "" : user, "failed").with("client", client));
            return Optional.empty();
        }
        failures.remove(client);
        final Session session = new Session(token(), user, token(), clock.instant().plus(SESSION_LIFETIME));
        sessions.put(session.id(), session);
        audit.info(AuditEvent.of("login", user, "done").with("client", client));
        return Optional.of(session);
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
        audit.info(AuditEvent.of("logout", session.user(), "done"));
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
