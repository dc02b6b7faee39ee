package io.ticketsync.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.ticketsync.cluster.StartupCheckException;
import io.ticketsync.config.OidcSettings;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The console's view of its OpenID provider, as its discovery document describes it: where to send
 * browsers, how to trade a code (with its PKCE verifier) or a refresh token for tokens, how to end
 * the provider's session, and the check every ID token passes.
 */
final class OidcProvider {

    /** Each call to the provider: discovery, key set, token endpoint. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OIDCProviderMetadata metadata;
    private final OidcSettings settings;
    private final ClientAuthentication client;
    private final IdTokenCheck idTokens;

    OidcProvider(final OIDCProviderMetadata metadata, final OidcSettings settings, final IDTokenValidator validator) {
        this.metadata = metadata;
        this.settings = settings;
        this.client = clientAuthentication(metadata, settings);
        this.idTokens = new IdTokenCheck(validator, settings);
    }

    /**
     * Reads the provider's discovery document and checks that it speaks for the configured issuer.
     *
     * @throws StartupCheckException when the provider cannot be reached or describes no usable endpoints
     *                               (exit 4, like an unreachable broker: the supervisor retries)
     */
    static OidcProvider discover(final OidcSettings settings) {
        final Issuer issuer = new Issuer(settings.issuer());
        final OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(issuer, (int) TIMEOUT.toMillis(), (int) TIMEOUT.toMillis());
        } catch (final GeneralException | IOException e) {
            throw new StartupCheckException("cannot read the OpenID provider's discovery document at " + settings.issuer()
                    + "/.well-known/openid-configuration: " + e.getMessage(), e);
        }
        if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null) {
            throw new StartupCheckException("the OpenID provider at " + settings.issuer() + " publishes no key set or token endpoint");
        }
        try {
            final IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(settings.clientId()),
                    signingAlgorithm(metadata), metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever((int) TIMEOUT.toMillis(), (int) TIMEOUT.toMillis()));
            return new OidcProvider(metadata, settings, validator);
        } catch (final MalformedURLException e) {
            throw new StartupCheckException("the OpenID provider's key set URL is not a URL: " + metadata.getJWKSetURI(), e);
        }
    }

    IdTokenCheck idTokens() {
        return idTokens;
    }

    /** Where to send a browser to sign in: the code flow with PKCE (S256), this sign-in's state and nonce. */
    URI authorization(final URI redirect, final State state, final Nonce nonce, final CodeVerifier verifier) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(settings.scopes().toArray(String[]::new)),
                new ClientID(settings.clientId()), redirect)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    OIDCTokens exchange(final AuthorizationCode code, final URI redirect, final CodeVerifier verifier) throws SignInRefusedException {
        return tokens(new AuthorizationCodeGrant(code, redirect, verifier), "the sign-in code");
    }

    OIDCTokens refresh(final RefreshToken refreshToken) throws SignInRefusedException {
        return tokens(new RefreshTokenGrant(refreshToken), "the refresh token");
    }

    /** The provider's end-session page for this sign-in, when it has one (RP-initiated logout). */
    Optional<URI> endSession(final JWT idToken, final URI afterwards) {
        return Optional.ofNullable(metadata.getEndSessionEndpointURI())
                .map(endpoint -> new LogoutRequest(endpoint, idToken, afterwards, new State()).toURI());
    }

    /** The origin of the provider's end-session page, which the sign-out form's redirect goes to. */
    Optional<URI> endSessionOrigin() {
        return Optional.ofNullable(metadata.getEndSessionEndpointURI()).map(uri -> URI.create(uri.getScheme() + "://"
                + uri.getRawAuthority()));
    }

    private OIDCTokens tokens(final AuthorizationGrant grant, final String what) throws SignInRefusedException {
        final HTTPRequest request = new TokenRequest(metadata.getTokenEndpointURI(), client, grant).toHTTPRequest();
        request.setConnectTimeout((int) TIMEOUT.toMillis());
        request.setReadTimeout((int) TIMEOUT.toMillis());
        final TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(request.send());
        } catch (final IOException | ParseException e) {
            throw new SignInRefusedException("the identity provider did not answer the exchange of " + what + ": "
                    + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            final var error = response.toErrorResponse().getErrorObject();
            throw new SignInRefusedException("the identity provider refused " + what + ": " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
        }
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    /** Basic authentication unless the provider accepts only a secret in the form. */
    private static ClientAuthentication clientAuthentication(final OIDCProviderMetadata metadata, final OidcSettings settings) {
        final ClientID id = new ClientID(settings.clientId());
        final Secret secret = new Secret(settings.clientSecret());
        final List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        if (methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientSecretPost(id, secret);
        }
        return new ClientSecretBasic(id, secret);
    }

    /** RS256 (which every provider must offer) unless the provider signs ID tokens with something else only. */
    private static JWSAlgorithm signingAlgorithm(final OIDCProviderMetadata metadata) {
        final List<JWSAlgorithm> algorithms = metadata.getIDTokenJWSAlgs();
        if (algorithms == null || algorithms.isEmpty() || algorithms.contains(JWSAlgorithm.RS256)) {
            return JWSAlgorithm.RS256;
        }
        return algorithms.get(0);
    }
}
