package io.ticketsync.http;

import org.eclipse.jetty.http.HttpHeader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Optional token authentication ({@code Authorization: Bearer <token>}) for the endpoints that
 * expose data. Off when no token is configured. The token is never logged: it appears only in
 * the header of queries forwarded to the other instances of the deployment, which share it.
 */
final class BearerAuth {

    static final BearerAuth OFF = new BearerAuth(null);
    private static final String SCHEME = "Bearer ";

    /** Null when authentication is off. */
    private final String token;
    private final byte[] tokenDigest;

    private BearerAuth(final String token) {
        this.token = token;
        this.tokenDigest = token == null ? null : sha256(token);
    }

    static BearerAuth of(final Optional<String> token) {
        return token.map(BearerAuth::new).orElse(OFF);
    }

    /** {@code endpoint} behind the token check: 401 with {@code WWW-Authenticate: Bearer} without the right token. */
    Endpoint protect(final Endpoint endpoint) {
        if (token == null) {
            return endpoint;
        }
        return (request, response, callback) -> {
            if (allows(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                endpoint.get(request, response, callback);
            } else {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"ticket-sync\"");
                HttpResponses.error(response, callback, 401, "this endpoint needs 'Authorization: Bearer <http.auth.token>'");
            }
        };
    }

    /** The header value that authenticates a forwarded query; empty when authentication is off. */
    Optional<String> authorization() {
        return Optional.ofNullable(token).map(value -> SCHEME + value);
    }

    boolean allows(final String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        // Digests have one length whatever was sent, so the comparison's time tells nothing about the token.
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    @Override
    public String toString() {
        return token == null ? "no authentication" : "bearer token [hidden]";
    }

    private static byte[] sha256(final String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
