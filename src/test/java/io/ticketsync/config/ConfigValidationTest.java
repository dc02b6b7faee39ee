package io.ticketsync.config;

import io.ticketsync.testing.TestConfigs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration that cannot be mistyped silently. */
class ConfigValidationTest {

    @Test
    void shouldRefuseAnUnknownKeyAndNameTheNearestKnownOne() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of("htp.port", "1")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unknown configuration key 'htp.port'").hasMessageContaining("'http.port'");
        assertThatThrownBy(() -> TestConfigs.with(Map.of("consumer.session.timout.ms", "1")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("consumer.session.timout.ms");
        assertThatThrownBy(() -> TestConfigs.with(Map.of("topic.not.a.topic.config", "1")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("topic.not.a.topic.config");
    }

    @Test
    void shouldAcceptKafkaKeysWithTheirPrefixesAndOurMappings() {
        final TicketSyncConfig config = TestConfigs.with(Map.of(
                "num.stream.threads", "2",
                "security.protocol", "PLAINTEXT",
                "main.consumer.max.poll.records", "100",
                "producer.linger.ms", "5",
                "admin.retries", "3",
                "topic.min.insync.replicas", "1",
                "client.tag.zone", "eu-1",
                "mapping.status.in_progress", "IN_PROGRESS"));

        assertThat(config.statusMapping().map("in_progress")).contains("IN_PROGRESS");
    }

    @Test
    void shouldRefuseAPortOutsideTheTcpRangeAtOnce() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of("http.port", "70000")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("http.port").hasMessageContaining("65535");
    }

    @Test
    void shouldRefuseAShortHttpAuthTokenWithoutEchoingItAndTreatTheKeyAsSecret() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.HTTP_AUTH_TOKEN, "short-s3cr3t")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("http.auth.token")
                .hasMessageNotContaining("short-s3cr3t");
        assertThat(TestConfigs.with(Map.of(ConfigKeys.HTTP_AUTH_TOKEN, "a-long-enough-s3cr3t")).api().authToken())
                .contains("a-long-enough-s3cr3t");
        assertThat(TestConfigs.defaults().api().authToken()).as("unset by default").isEmpty();
        assertThat(SecretMasker.isSecret(ConfigKeys.HTTP_AUTH_TOKEN)).isTrue();
    }

    @Test
    void shouldAcceptDurationsBeyondIntMilliseconds() {
        final long thirtyDays = Duration.ofDays(30).toMillis();
        final TicketSyncConfig config = TestConfigs.with(Map.of("shutdown.timeout.ms", String.valueOf(thirtyDays),
                "uncaught.replace.window.ms", String.valueOf(thirtyDays)));

        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofDays(30));
        assertThat(config.guards().replaceWindow()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void shouldReadADoubledUnderscoreInTheEnvironmentAsALiteralOne() {
        final TicketSyncConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "TICKET_SYNC_MAPPING_STATUS_WAITING__FOR__CUSTOMER", "WAITING",
                "TICKET_SYNC_HTTP_PORT", "9090"), Map.of());

        assertThat(config.statusMapping().map("waiting_for_customer")).contains("WAITING");
        assertThat(config.api().port()).isEqualTo(9090);
    }

    @Test
    void shouldHoldEveryKeyOfTheDefaultsFileToBeKnown() {
        // The defaults file documents every key; each must pass the unknown-key check.
        assertThat(TicketSyncConfig.from(Defaults.load()).raw().keySet()).containsAll(Defaults.load().keySet());
    }
}
