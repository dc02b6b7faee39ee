package io.ticketsync.console;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.token.RefreshToken;

import java.util.Optional;

/**
 * What the identity provider issued a session: its ID token (the hint that ends the provider's
 * session at sign-out) and, when it gave one, the refresh token that renews the session.
 */
record ProviderTokens(JWT idToken, Optional<RefreshToken> refreshToken) {

    @Override
    public String toString() {
        return "ProviderTokens[hidden]";
    }
}
