package io.ticketsync.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleSettingsTest {

    @Test
    void shouldTrustNoProxyAndUseTheRequestsOriginWhenNothingIsConfigured() {
        final ConsoleSettings settings = read(Map.of());
        assertThat(settings.publicUrl()).isEmpty();
        assertThat(settings.publicHttps()).isFalse();
        assertThat(settings.trustedProxies()).isEmpty();
    }

    @Test
    void shouldReadThePublicOriginAndTheTrustedProxies() throws Exception {
        final ConsoleSettings settings = read(Map.of(ConfigKeys.CONSOLE_PUBLIC_URL, "https://console.example.com",
                ConfigKeys.CONSOLE_TRUSTED_PROXIES, " 127.0.0.1, ::1 ,,10.0.0.5"));
        assertThat(settings.publicUrl()).contains(URI.create("https://console.example.com"));
        assertThat(settings.publicHttps()).isTrue();
        assertThat(settings.trustedProxies()).containsExactlyInAnyOrder(InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("::1"), InetAddress.getByName("10.0.0.5"));
    }

    @Test
    void shouldRefuseAPublicUrlThatIsNotABareHttpOrigin() {
        for (final String bad : new String[] {"console.example.com", "ftp://console.example.com", "https://",
                "https://console.example.com/console", "https://console.example.com?x=1", "https://u@console.example.com"}) {
            assertThatThrownBy(() -> read(Map.of(ConfigKeys.CONSOLE_PUBLIC_URL, bad))).as(bad)
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining(ConfigKeys.CONSOLE_PUBLIC_URL);
        }
    }

    @Test
    void shouldRefuseATrustedProxyThatIsNotAnIpAddress() {
        for (final String bad : new String[] {"proxy.example.com", "127.0.0.1,localhost", "10.0.0.0/8", "999.1.1.1"}) {
            assertThatThrownBy(() -> read(Map.of(ConfigKeys.CONSOLE_TRUSTED_PROXIES, bad))).as(bad)
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining(ConfigKeys.CONSOLE_TRUSTED_PROXIES);
        }
    }

    @Test
    void shouldSignInWithThePasswordByDefaultAndNeedOneOnlyThere() {
        assertThat(read(Map.of()).auth()).isEqualTo(ConsoleSettings.Auth.PASSWORD);
        assertThatThrownBy(() -> config(Map.of()).requireConsoleSignIn()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("console.password");
        assertThat(config(Map.of(ConfigKeys.CONSOLE_PASSWORD, "a-long-enough-password")).requireConsoleSignIn()).isEmpty();
        assertThatThrownBy(() -> read(Map.of(ConfigKeys.CONSOLE_AUTH, "ldap"))).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("must be password or oidc");
    }

    @Test
    void shouldReadTheProviderAndTheRoleGroupsOnlyWhenTheConsoleAsks() {
        final Map<String, String> oidc = new HashMap<>(Map.of(ConfigKeys.CONSOLE_AUTH, "oidc",
                ConfigKeys.CONSOLE_PUBLIC_URL, "https://console.example.com",
                ConfigKeys.CONSOLE_OIDC_ISSUER, "https://login.example.com/realms/company",
                ConfigKeys.CONSOLE_OIDC_CLIENT_ID, "ticket-sync-console",
                ConfigKeys.CONSOLE_OIDC_ROLE_OPERATOR, "oncall, sre"));
        assertThat(read(oidc).auth()).as("other commands load without the client secret").isEqualTo(ConsoleSettings.Auth.OIDC);
        assertThatThrownBy(() -> config(oidc).requireConsoleSignIn()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(ConfigKeys.CONSOLE_OIDC_CLIENT_SECRET);
        oidc.put(ConfigKeys.CONSOLE_OIDC_CLIENT_SECRET, "a-long-enough-client-secret");
        final OidcSettings settings = config(oidc).requireConsoleSignIn().orElseThrow();
        assertThat(settings.scopes()).containsExactly("openid", "email", "profile");
        assertThat(settings.rolesClaim()).isEqualTo("groups");
        assertThat(settings.rolesFor(java.util.List.of("sre", "ticket-sync-viewer", "other"))).containsExactly("viewer", "operator");
        assertThat(settings.toString()).doesNotContain("a-long-enough-client-secret");
    }

    @Test
    void shouldRefuseAnOidcSetupThatCouldNotWorkOrWouldLeakCodes() {
        final Map<String, String> base = Map.of(ConfigKeys.CONSOLE_AUTH, "oidc",
                ConfigKeys.CONSOLE_OIDC_ISSUER, "https://login.example.com", ConfigKeys.CONSOLE_OIDC_CLIENT_ID, "c",
                ConfigKeys.CONSOLE_OIDC_CLIENT_SECRET, "a-long-enough-client-secret");
        assertRefused(base, ConfigKeys.CONSOLE_PUBLIC_URL);
        assertRefused(with(base, ConfigKeys.CONSOLE_PUBLIC_URL, "http://console.example.com"), "https");
        assertThat(config(with(base, ConfigKeys.CONSOLE_PUBLIC_URL, "http://127.0.0.1:8081")).requireConsoleSignIn())
                .as("plain http on this machine").isPresent();
        final Map<String, String> https = with(base, ConfigKeys.CONSOLE_PUBLIC_URL, "https://console.example.com");
        assertRefused(with(https, ConfigKeys.CONSOLE_OIDC_SCOPES, "email profile"), "openid");
        final Map<String, String> noRoles = new HashMap<>(https);
        noRoles.put(ConfigKeys.CONSOLE_OIDC_ROLE_VIEWER, "");
        noRoles.put(ConfigKeys.CONSOLE_OIDC_ROLE_VALUES, " ");
        noRoles.put(ConfigKeys.CONSOLE_OIDC_ROLE_OPERATOR, ",");
        assertRefused(noRoles, "nobody could sign in");
        assertRefused(with(https, ConfigKeys.CONSOLE_OIDC_CLIENT_SECRET, "short"), ConfigKeys.CONSOLE_OIDC_CLIENT_SECRET);
    }

    private static void assertRefused(final Map<String, String> settings, final String why) {
        assertThatThrownBy(() -> config(settings).requireConsoleSignIn()).as(settings.toString())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining(why);
    }

    private static Map<String, String> with(final Map<String, String> base, final String key, final String value) {
        final Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static TicketSyncConfig config(final Map<String, String> settings) {
        final Map<String, String> values = new HashMap<>(Defaults.load());
        values.putAll(settings);
        return TicketSyncConfig.from(values);
    }

    private static ConsoleSettings read(final Map<String, String> settings) {
        final Map<String, String> values = new HashMap<>(Defaults.load());
        values.putAll(settings);
        return TicketSyncConfig.from(values).console();
    }
}
