package io.ticketsync.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.ticketsync.config.OidcSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an ID token with Nimbus's validator (signature against the provider's published keys,
 * issuer, audience, expiry within a minute's clock skew, and the nonce of this sign-in) and reads
 * who it names and which roles their claim grants.
 */
final class IdTokenCheck {

    /** Who an ID token names, what they may do, and until when the token vouches for them. */
    record Identity(String subject, Optional<String> email, Set<Role> roles, Instant expires) {
    }

    private final IDTokenValidator validator;
    private final OidcSettings settings;

    IdTokenCheck(final IDTokenValidator validator, final OidcSettings settings) {
        this.validator = validator;
        this.settings = settings;
    }

    /**
     * @param expectedNonce this sign-in's nonce; null for a refreshed token, which carries none of its own
     * @throws SignInRefusedException naming what was wrong with the token
     */
    Identity check(final JWT idToken, final Nonce expectedNonce) throws SignInRefusedException {
        final IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, expectedNonce);
        } catch (final BadJOSEException | JOSEException e) {
            throw new SignInRefusedException("the identity provider's ID token was refused: " + e.getMessage(), e);
        }
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        settings.rolesFor(claimValues(claims.toJSONObject(), settings.rolesClaim()))
                .forEach(role -> roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT))));
        return new Identity(claims.getSubject().getValue(), Optional.ofNullable(claims.getStringClaim("email")), roles,
                claims.getExpirationTime().toInstant());
    }

    /**
     * The values of a claim holding a string or an array of strings, found by a dotted path (Keycloak
     * puts realm roles under {@code realm_access.roles}); none when it is absent or of another kind.
     */
    static List<String> claimValues(final Map<String, Object> claims, final String path) {
        Object node = claims;
        for (final String step : path.split("\\.")) {
            if (!(node instanceof Map)) {
                return List.of();
            }
            node = ((Map<?, ?>) node).get(step);
        }
        final List<String> values = new ArrayList<>();
        if (node instanceof String) {
            values.add((String) node);
        } else if (node instanceof Collection) {
            ((Collection<?>) node).stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
        }
        return values;
    }
}
