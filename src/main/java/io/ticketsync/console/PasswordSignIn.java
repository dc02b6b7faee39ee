package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditEvent;
import io.ticketsync.deadletter.tools.AuditLog;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sign-in with the one configured user and password ({@code console.auth=password}, for dev and
 * small setups): checked in constant time, failed attempts slowed down by {@link LoginThrottle},
 * which never refuses the right password. The account holds every role. Sign-ins go to the audit
 * trail; the password never does.
 */
final class PasswordSignIn implements SignIn {

    /**
     * What a sign-in attempt got: a session, or how long to wait before saying no and whether the
     * attempt came while an earlier failure's delay still ran (throttled).
     */
    record Attempt(Optional<Session> session, Duration delay, boolean throttled) {
    }

    private final byte[] userDigest;
    private final byte[] passwordDigest;
    private final Sessions sessions;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final SessionCookie cookie;
    private final Answers answers;

    PasswordSignIn(final String user, final String password, final Sessions sessions, final Clock clock, final AuditLog audit,
                   final SessionCookie cookie, final Answers answers) {
        this.userDigest = sha256(user);
        this.passwordDigest = sha256(password);
        this.sessions = sessions;
        this.audit = audit;
        this.throttle = new LoginThrottle(clock);
        this.cookie = cookie;
        this.answers = answers;
    }

    @Override
    public boolean owns(final String path) {
        return "/login".equals(path);
    }

    @Override
    public boolean answer(final String path, final boolean post, final Request request, final Response response,
                          final Callback callback, final Fields fields, final ClientView client) {
        return post ? login(request, response, callback, fields, client)
                : answers.page(response, callback, 200, answers.render("login", Map.of("title", "Log in")));
    }

    @Override
    public String signOut(final Session session) {
        sessions.close(session);
        audit.info(AuditEvent.of("sign-out", session.actor(), "done"));
        return "/login";
    }

    /**
     * A right password opens a session at once; a wrong one is answered after the throttle's delay,
     * held by Jetty's scheduler rather than a sleeping thread, so concurrent guesses cannot use up the
     * threads the operator's own login needs.
     */
    private boolean login(final Request request, final Response response, final Callback callback, final Fields form,
                          final ClientView client) {
        final Attempt attempt = login(form.getValue("user"), form.getValue("password"), client.address());
        if (attempt.session().isPresent()) {
            final Session session = attempt.session().get();
            response.getHeaders().add(HttpHeader.SET_COOKIE, cookie.issue(session.id(), sessions.cookieLifetime(session)));
            return Answers.redirect(response, callback, "/");
        }
        final String page;
        if (attempt.throttled()) {
            final long seconds = Math.max(1, (attempt.delay().toMillis() + 999) / 1000);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds);
            page = answers.render("login", Map.of("title", "Log in", "error", "Wrong user or password, and many failed logins"
                    + " lately: each answer now waits up to " + LoginThrottle.MAX_DELAY.toSeconds() + " seconds."));
        } else {
            page = answers.render("login", Map.of("title", "Log in", "error", "Wrong user or password."));
        }
        final int status = attempt.throttled() ? 429 : 401;
        request.getComponents().getScheduler().schedule(() -> answers.page(response, callback, status, page),
                attempt.delay().toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** Checks the credentials, both in full and in constant time, on every attempt: the throttle only delays a wrong one. */
    Attempt login(final String user, final String password, final String client) {
        final String name = user == null || user.isBlank() ? "(none)" : user;
        final boolean userMatches = MessageDigest.isEqual(userDigest, sha256(user == null ? "" : user));
        final boolean passwordMatches = MessageDigest.isEqual(passwordDigest, sha256(password == null ? "" : password));
        if (!(userMatches && passwordMatches)) {
            final LoginThrottle.Verdict verdict = throttle.failed(client, name);
            audit.warn(AuditEvent.of("sign-in", Actor.passwordUser(name, List.of()),
                            verdict.throttled() ? "throttled" : "failed").with("client", client)
                    .with("delayMs", verdict.delay().toMillis()));
            return new Attempt(Optional.empty(), verdict.delay(), verdict.throttled());
        }
        throttle.succeeded(client, name);
        final Actor actor = Actor.passwordUser(name, Role.names(Role.ALL));
        audit.info(AuditEvent.of("sign-in", actor, "done").with("client", client));
        final Session session = sessions.open(actor, Role.ALL, Instant.MAX, Optional.empty());
        return new Attempt(Optional.of(session), Duration.ZERO, false);
    }

    private static byte[] sha256(final String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
