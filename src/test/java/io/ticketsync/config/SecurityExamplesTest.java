package io.ticketsync.config;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The security examples in config/examples load, reach Kafka's clients, and never show a secret. */
class SecurityExamplesTest {

    private static final Map<String, String> SECRETS_FROM_ENVIRONMENT = Map.of(
            "TICKET_SYNC_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ticket-sync\" password=\"s3cr3t-jaas\";",
            "TICKET_SYNC_SSL_KEYSTORE_PASSWORD", "s3cr3t-keystore",
            "TICKET_SYNC_SSL_KEY_PASSWORD", "s3cr3t-key",
            "TICKET_SYNC_SSL_TRUSTSTORE_PASSWORD", "s3cr3t-truststore");

    @ParameterizedTest
    @ValueSource(strings = {"sasl-ssl-scram.properties", "mtls.properties"})
    void shouldLoadExampleAndHandSecuritySettingsToKafkaClients(final String example) {
        final TicketSyncConfig config = ConfigLoader.load(Optional.of(Path.of("config", "examples", example)),
                SECRETS_FROM_ENVIRONMENT, Map.of());

        final StreamsConfig streams = new StreamsConfig(config.kafka().properties());
        final Map<String, Object> consumer = streams.getMainConsumerConfigs("group", "client", 0);
        assertThat(consumer.get("security.protocol")).isEqualTo(config.raw().get("security.protocol"));
        assertThat(consumer.get("ssl.truststore.location")).isEqualTo("/etc/ticket-sync/truststore.p12");
        assertThat(streams.getProducerConfigs("client").get("ssl.truststore.password"))
                .as("the secret from the environment reaches the clients").isEqualTo("s3cr3t-truststore");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasl-ssl-scram.properties", "mtls.properties"})
    void shouldNeverShowASecretInTheConfigurationDump(final String example) {
        final TicketSyncConfig config = ConfigLoader.load(Optional.of(Path.of("config", "examples", example)),
                SECRETS_FROM_ENVIRONMENT, Map.of());

        assertThat(SecretMasker.mask(config.raw()).toString()).doesNotContain("s3cr3t").contains(SecretMasker.MASK);
    }
}
