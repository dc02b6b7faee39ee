package io.ticketsync.config;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the console signs people in through an OpenID Connect provider ({@code console.auth=oidc}).
 *
 * @param roleValues for each role ({@code viewer}, {@code values}, {@code operator}), the values of
 *                   {@code rolesClaim} that grant it
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, List<String> scopes, String rolesClaim,
                           Map<String, Set<String>> roleValues) {

    public static final List<String> ROLES = List.of("viewer", "values", "operator");

    public OidcSettings {
        scopes = List.copyOf(scopes);
        roleValues = Map.copyOf(roleValues);
    }

    static OidcSettings read(final RawConfig raw) {
        final URI issuer = raw.httpUrl(ConfigKeys.CONSOLE_OIDC_ISSUER).orElseThrow(() -> raw.invalid(ConfigKeys.CONSOLE_OIDC_ISSUER,
                "console.auth=oidc needs '" + ConfigKeys.CONSOLE_OIDC_ISSUER + "', the identity provider's issuer URL"));
        final String clientId = raw.required(ConfigKeys.CONSOLE_OIDC_CLIENT_ID);
        final String secret = raw.secret(ConfigKeys.CONSOLE_OIDC_CLIENT_SECRET, "the client secret the identity provider issued")
                .orElseThrow(() -> raw.invalid(ConfigKeys.CONSOLE_OIDC_CLIENT_SECRET, "console.auth=oidc needs '"
                        + ConfigKeys.CONSOLE_OIDC_CLIENT_SECRET + "' (TICKET_SYNC_CONSOLE_OIDC_CLIENT_SECRET)"));
        final List<String> scopes = words(raw.optional(ConfigKeys.CONSOLE_OIDC_SCOPES).orElse("openid"), " ");
        if (!scopes.contains("openid")) {
            throw raw.invalid(ConfigKeys.CONSOLE_OIDC_SCOPES, "'" + ConfigKeys.CONSOLE_OIDC_SCOPES
                    + "' must include openid (it asks for the ID token), got '" + String.join(" ", scopes) + "'");
        }
        final Map<String, Set<String>> roles = new LinkedHashMap<>();
        roles.put("viewer", values(raw, ConfigKeys.CONSOLE_OIDC_ROLE_VIEWER));
        roles.put("values", values(raw, ConfigKeys.CONSOLE_OIDC_ROLE_VALUES));
        roles.put("operator", values(raw, ConfigKeys.CONSOLE_OIDC_ROLE_OPERATOR));
        if (roles.values().stream().allMatch(Set::isEmpty)) {
            throw raw.invalid(ConfigKeys.CONSOLE_OIDC_ROLE_VIEWER, "console.auth=oidc maps no claim value to any role:"
                    + " nobody could sign in; set " + ConfigKeys.CONSOLE_OIDC_ROLE_VIEWER + " and the others");
        }
        return new OidcSettings(issuer, clientId, secret, scopes, raw.required(ConfigKeys.CONSOLE_OIDC_ROLES_CLAIM), roles);
    }

    /** The roles the claim's values grant, in {@link #ROLES} order. */
    public Set<String> rolesFor(final Iterable<String> claimValues) {
        final Set<String> granted = new LinkedHashSet<>();
        for (final String role : ROLES) {
            for (final String value : claimValues) {
                if (roleValues.getOrDefault(role, Set.of()).contains(value)) {
                    granted.add(role);
                }
            }
        }
        return granted;
    }

    private static Set<String> values(final RawConfig raw, final String key) {
        return new LinkedHashSet<>(words(raw.optional(key).orElse(""), ","));
    }

    private static List<String> words(final String text, final String separator) {
        return Arrays.stream(text.split(separator)).map(String::trim).filter(word -> !word.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=[hidden], scopes=" + scopes
                + ", rolesClaim=" + rolesClaim + ", roleValues=" + roleValues + "]";
    }
}
