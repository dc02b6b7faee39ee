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

    private static ConsoleSettings read(final Map<String, String> settings) {
        final Map<String, String> values = new HashMap<>(Defaults.load());
        values.putAll(settings);
        return TicketSyncConfig.from(values).console();
    }
}
