package io.ticketsync.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.ticketsync.config.OidcSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every ID token is checked before anyone is signed in: signature, issuer, audience, expiry and nonce. */
class IdTokenCheckTest {

    private static final String ISSUER = "https://login.example.com/realms/company";
    private static final String CLIENT = "ticket-sync-console";
    private static final RSAKey KEY = generate("provider-key");
    private static final RSAKey FORGER = generate("provider-key");

    private final OidcSettings settings = new OidcSettings(URI.create(ISSUER), CLIENT, "a-long-enough-client-secret",
            List.of("openid"), "groups", Map.of("viewer", Set.of("support"), "values", Set.of("support-leads"),
            "operator", Set.of("oncall")));
    private final IdTokenCheck check = new IdTokenCheck(new IDTokenValidator(new Issuer(ISSUER), new ClientID(CLIENT),
            JWSAlgorithm.RS256, new JWKSet(KEY.toPublicJWK())), settings);
    private final Nonce nonce = new Nonce();

    @Test
    void shouldNameThePersonAndGrantTheRolesTheirGroupsMapTo() throws Exception {
        final IdTokenCheck.Identity identity = check.check(token(KEY, claims -> claims), nonce);
        assertThat(identity.subject()).isEqualTo("ada");
        assertThat(identity.email()).contains("ada@example.com");
        assertThat(identity.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.OPERATOR);
        assertThat(identity.expires()).isAfter(Instant.now());
    }

    @Test
    void shouldRefuseATokenFromAnotherIssuer() {
        assertRefused(token(KEY, claims -> new JWTClaimsSet.Builder(claims).issuer("https://evil.example.com").build()), "iss");
    }

    @Test
    void shouldRefuseATokenForAnotherAudience() {
        assertRefused(token(KEY, claims -> new JWTClaimsSet.Builder(claims).audience("another-app").build()), "aud");
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        final Instant past = Instant.now().minus(Duration.ofHours(1));
        assertRefused(token(KEY, claims -> new JWTClaimsSet.Builder(claims).issueTime(Date.from(past.minusSeconds(300)))
                .expirationTime(Date.from(past)).build()), "expired");
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherKeyUnderTheSameKeyId() {
        assertRefused(token(FORGER, claims -> claims), "signature");
    }

    @Test
    void shouldRefuseATokenWithAlteredClaimsUnderAValidSignature() throws Exception {
        final String[] parts = token(KEY, claims -> claims).serialize().split("\\.");
        final String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                token(KEY, claims -> new JWTClaimsSet.Builder(claims).claim("groups", List.of("oncall", "support-leads")).build())
                        .getPayload().toBytes());
        assertRefused(SignedJWT.parse(parts[0] + "." + forgedClaims + "." + parts[2]), "signature");
    }

    @Test
    void shouldRefuseATokenWithAnotherNonceOrNone() {
        assertRefused(token(KEY, claims -> new JWTClaimsSet.Builder(claims).claim("nonce", new Nonce().getValue()).build()), "nonce");
        assertRefused(token(KEY, claims -> new JWTClaimsSet.Builder(claims).claim("nonce", null).build()), "nonce");
    }

    @Test
    void shouldGrantNoRoleWhenTheClaimIsMissingOrOfAnotherKind() throws Exception {
        assertThat(check.check(token(KEY, claims -> new JWTClaimsSet.Builder(claims).claim("groups", null).build()), nonce)
                .roles()).isEmpty();
        assertThat(check.check(token(KEY, claims -> new JWTClaimsSet.Builder(claims).claim("groups", 42).build()), nonce)
                .roles()).isEmpty();
        assertThat(check.check(token(KEY, claims -> new JWTClaimsSet.Builder(claims).claim("groups", "support-leads").build()),
                nonce).roles()).as("a single string counts").containsExactly(Role.VALUES);
    }

    @Test
    void shouldFindAClaimByADottedPath() {
        final Map<String, Object> keycloak = Map.of("realm_access", Map.of("roles", List.of("oncall", 7, "support")));
        assertThat(IdTokenCheck.claimValues(keycloak, "realm_access.roles")).containsExactly("oncall", "support");
        assertThat(IdTokenCheck.claimValues(keycloak, "realm_access.roles.deeper")).isEmpty();
        assertThat(IdTokenCheck.claimValues(keycloak, "groups")).isEmpty();
    }

    private void assertRefused(final SignedJWT token, final String why) {
        assertThatThrownBy(() -> check.check(token, nonce)).isInstanceOf(SignInRefusedException.class)
                .hasMessageContaining("ID token was refused").message().containsIgnoringCase(why);
    }

    private SignedJWT token(final RSAKey key, final UnaryOperator<JWTClaimsSet> change) {
        final Instant now = Instant.now();
        final JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("ada").audience(CLIENT)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("nonce", nonce.getValue()).claim("email", "ada@example.com")
                .claim("groups", List.of("support", "oncall", "unrelated")).build();
        final SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims));
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt;
    }

    private static RSAKey generate(final String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (final JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
