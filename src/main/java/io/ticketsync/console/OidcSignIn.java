package io.ticketsync.console;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditEvent;
import io.ticketsync.deadletter.tools.AuditLog;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in through the company's OpenID provider ({@code console.auth=oidc}): the authorization code
 * flow with PKCE. {@code /login} sends the browser to the provider with a fresh state, nonce and
 * code verifier, remembered here and tied to the browser by a cookie; {@code /oidc/callback} takes
 * the provider's answer only in that browser and only once, trades the code for tokens and checks
 * the ID token ({@link IdTokenCheck}). The session lasts as long as the ID token, renewed with the
 * refresh token, and never beyond the maximum age. Sign-out ends the provider's session too, where
 * the provider offers that. Every sign-in, refusal, renewal failure and sign-out is audited.
 */
final class OidcSignIn implements SignIn, Sessions.Renewal {

    static final String CALLBACK = "/oidc/callback";
    static final String SIGNED_OUT = "/signed-out";
    /** How long a started sign-in waits for the provider's answer. */
    static final Duration PENDING_FOR = Duration.ofMinutes(10);
    /** Sign-ins started and not finished: beyond this the oldest is forgotten, so /login cannot fill the heap. */
    static final int MAX_PENDING = 10_000;

    /** A sign-in started and not yet answered. */
    private record Pending(Nonce nonce, CodeVerifier verifier, Instant started) {
    }

    private final OidcProvider provider;
    private final Sessions sessions;
    private final AuditLog audit;
    private final SessionCookie sessionCookie;
    private final SessionCookie stateCookie;
    private final Answers answers;
    private final URI publicUrl;
    private final Clock clock;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    OidcSignIn(final OidcProvider provider, final Sessions sessions, final AuditLog audit, final URI publicUrl,
               final Answers answers, final Clock clock) {
        this.provider = provider;
        this.sessions = sessions;
        this.audit = audit;
        final boolean https = "https".equals(publicUrl.getScheme());
        this.sessionCookie = new SessionCookie(https);
        this.stateCookie = SessionCookie.signInState(https);
        this.answers = answers;
        this.publicUrl = publicUrl;
        this.clock = clock;
        sessions.renewWith(this);
    }

    @Override
    public boolean owns(final String path) {
        return "/login".equals(path) || CALLBACK.equals(path) || SIGNED_OUT.equals(path);
    }

    @Override
    public boolean answer(final String path, final boolean post, final Request request, final Response response,
                          final Callback callback, final Fields fields, final ClientView client) {
        if (SIGNED_OUT.equals(path)) {
            return answers.page(response, callback, 200, answers.render("signed-out", Map.of("title", "Signed out")));
        }
        if ("/login".equals(path)) {
            return begin(response, callback);
        }
        // Whatever the answer, this browser's sign-in state is spent.
        response.getHeaders().add(HttpHeader.SET_COOKIE, stateCookie.clear());
        try {
            final Session session = complete(fields, stateCookie.read(request), client);
            response.getHeaders().add(HttpHeader.SET_COOKIE, sessionCookie.issue(session.id(), sessions.cookieLifetime(session)));
            return Answers.redirect(response, callback, "/");
        } catch (final SignInRefusedException e) {
            return answers.page(response, callback, 403, answers.render("signin-refused",
                    Map.of("title", "Sign-in refused", "message", e.getMessage())));
        }
    }

    @Override
    public String signOut(final Session session) {
        sessions.close(session);
        audit.info(AuditEvent.of("sign-out", session.actor(), "done"));
        final URI afterwards = publicUrl.resolve(SIGNED_OUT);
        return session.tokens().flatMap(tokens -> provider.endSession(tokens.idToken(), afterwards))
                .map(URI::toString).orElse(SIGNED_OUT);
    }

    /** Renews a session whose ID token expired with its refresh token; the new token's claims decide the roles. */
    @Override
    public Optional<Session> renew(final Session expired) {
        final Optional<ProviderTokens> tokens = expired.tokens();
        if (tokens.isEmpty() || tokens.get().refreshToken().isEmpty()) {
            audit.info(AuditEvent.of("session-end", expired.actor(), "expired"));
            return Optional.empty();
        }
        try {
            final OIDCTokens renewed = provider.refresh(tokens.get().refreshToken().get());
            final JWT idToken = renewed.getIDToken();
            if (idToken == null) {
                throw new SignInRefusedException("the provider's refresh gave no ID token");
            }
            final IdTokenCheck.Identity identity = provider.idTokens().check(idToken, null);
            if (!identity.subject().equals(expired.actor().id())) {
                throw new SignInRefusedException("the refreshed ID token names another person");
            }
            if (identity.roles().isEmpty()) {
                throw new SignInRefusedException("the refreshed ID token grants no ticket-sync role");
            }
            return Optional.of(expired.renewed(actor(identity), identity.roles(), identity.expires(), new ProviderTokens(idToken,
                    Optional.ofNullable(renewed.getRefreshToken()).or(() -> tokens.get().refreshToken()))));
        } catch (final SignInRefusedException e) {
            audit.warn(AuditEvent.of("session-renewal", expired.actor(), "refused").with("reason", e.getMessage()));
            return Optional.empty();
        }
    }

    private boolean begin(final Response response, final Callback callback) {
        final State state = new State();
        final Nonce nonce = new Nonce();
        final CodeVerifier verifier = new CodeVerifier();
        remember(state.getValue(), new Pending(nonce, verifier, clock.instant()));
        response.getHeaders().add(HttpHeader.SET_COOKIE, stateCookie.issue(state.getValue(), PENDING_FOR));
        return Answers.redirect(response, callback, provider.authorization(redirectUri(), state, nonce, verifier).toString());
    }

    private Session complete(final Fields fields, final String browserState, final ClientView client)
            throws SignInRefusedException {
        final Verified identity;
        try {
            identity = verify(fields, browserState);
        } catch (final SignInRefusedException e) {
            audit.warn(AuditEvent.of("sign-in", Actor.unknown("(not signed in)"), "refused")
                    .with("client", client.address()).with("reason", e.getMessage()));
            throw e;
        }
        final Actor actor = actor(identity.identity());
        if (identity.roles().isEmpty()) {
            audit.warn(AuditEvent.of("sign-in", actor, "refused").with("client", client.address()).with("reason", "no role"));
            throw new SignInRefusedException("you are signed in at the identity provider as " + actor.display()
                    + ", but none of your groups grants a ticket-sync role; ask for one of the console's groups");
        }
        audit.info(AuditEvent.of("sign-in", actor, "done").with("client", client.address()));
        return sessions.open(actor, identity.roles(), identity.expires(), Optional.of(identity.tokens()));
    }

    /** The provider's answer, checked: it belongs to a sign-in this browser started, its code trades for a valid ID token. */
    private Verified verify(final Fields fields, final String browserState) throws SignInRefusedException {
        final String error = fields.getValue("error");
        if (error != null) {
            throw new SignInRefusedException("the identity provider answered " + error
                    + Optional.ofNullable(fields.getValue("error_description")).map(text -> ": " + text).orElse(""));
        }
        final String state = fields.getValue("state");
        if (state == null || browserState == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                browserState.getBytes(StandardCharsets.UTF_8))) {
            throw new SignInRefusedException("the provider's answer does not belong to a sign-in this browser started");
        }
        final Pending started = take(state);
        if (started == null) {
            throw new SignInRefusedException("this sign-in is unknown, already used or older than " + PENDING_FOR.toMinutes()
                    + " minutes");
        }
        final String code = fields.getValue("code");
        if (code == null || code.isBlank()) {
            throw new SignInRefusedException("the provider's answer carries no code");
        }
        final OIDCTokens tokens = provider.exchange(new AuthorizationCode(code), redirectUri(), started.verifier());
        return new Verified(provider.idTokens().check(tokens.getIDToken(), started.nonce()),
                new ProviderTokens(tokens.getIDToken(), Optional.ofNullable(tokens.getRefreshToken())));
    }

    /** A checked ID token and the tokens it came with. */
    private record Verified(IdTokenCheck.Identity identity, ProviderTokens tokens) {

        Set<Role> roles() {
            return identity.roles();
        }

        Instant expires() {
            return identity.expires();
        }
    }

    private static Actor actor(final IdTokenCheck.Identity identity) {
        return Actor.signedIn(identity.subject(), identity.email(), Role.names(identity.roles()));
    }

    private URI redirectUri() {
        return publicUrl.resolve(CALLBACK);
    }

    private synchronized void remember(final String state, final Pending started) {
        final Instant oldest = clock.instant().minus(PENDING_FOR);
        final Iterator<Pending> entries = pending.values().iterator();
        while (entries.hasNext()) {
            final Pending entry = entries.next();
            if (entry.started().isBefore(oldest) || pending.size() >= MAX_PENDING) {
                entries.remove();
            } else {
                break;
            }
        }
        pending.put(state, started);
    }

    /** The sign-in started with this state, forgotten at once: an answer counts once. */
    private synchronized Pending take(final String state) {
        final Pending started = pending.remove(state);
        return started == null || started.started().isBefore(clock.instant().minus(PENDING_FOR)) ? null : started;
    }
}
