package io.ticketsync.config;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The security examples in config/examples load, reach Kafka's clients, and never show a secret. */
class SecurityExamplesTest {

    private static final Map<String, String> SECRETS_FROM_ENVIRONMENT = Map.of(
            "TICKET_SYNC_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ticket-sync\" password=\"s3cr3t-jaas\";",
            "TICKET_SYNC_SSL_KEYSTORE_PASSWORD", "s3cr3t-keystore",
            "TICKET_SYNC_SSL_KEY_PASSWORD", "s3cr3t-key",
            "TICKET_SYNC_SSL_TRUSTSTORE_PASSWORD", "s3cr3t-truststore");

    /** As the examples' headers say: the example, then a mapping file (here the samples). */
    private static TicketSyncConfig withSampleMappings(final String example) {
        return ConfigLoader.load(List.of(Path.of("config", "examples", example), Path.of("config", "sample-mappings.properties")),
                SECRETS_FROM_ENVIRONMENT, new ConfigLoader.CommandValues("run", Map.of(), Map.of()), Map.of()).requireMappings();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasl-ssl-scram.properties", "sasl-ssl-plain.properties", "sasl-ssl-oauthbearer.properties",
            "mtls.properties"})
    void shouldLoadExampleAndHandSecuritySettingsToKafkaClients(final String example) {
        final TicketSyncConfig config = withSampleMappings(example);

        final StreamsConfig streams = new StreamsConfig(config.kafka().properties());
        final Map<String, Object> consumer = streams.getMainConsumerConfigs("group", "client", 0);
        assertThat(consumer.get("security.protocol")).isEqualTo(config.raw().get("security.protocol"));
        assertThat(consumer.get("ssl.truststore.location")).isEqualTo("/etc/ticket-sync/truststore.p12");
        assertThat(streams.getProducerConfigs("client").get("ssl.truststore.password"))
                .as("the secret from the environment reaches the clients").isEqualTo("s3cr3t-truststore");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasl-ssl-scram.properties", "sasl-ssl-plain.properties", "sasl-ssl-oauthbearer.properties",
            "mtls.properties"})
    void shouldNeverShowASecretInTheConfigurationDump(final String example) {
        final TicketSyncConfig config = withSampleMappings(example);

        assertThat(SecretMasker.mask(config.raw()).toString()).doesNotContain("s3cr3t").contains(SecretMasker.MASK);
    }

    @Test
    void shouldNameTheAllowedUrlsSystemPropertyForTheOauthbearerTokenEndpoint() throws IOException {
        final Path example = Path.of("config", "examples", "sasl-ssl-oauthbearer.properties");
        final String endpoint = PropertiesFiles.read(example).get("sasl.oauthbearer.token.endpoint.url");

        // Kafka refuses a token endpoint the JVM property does not list; a properties file cannot set it.
        assertThat(Files.readString(example)).contains("-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=" + endpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasl-ssl-scram.properties", "sasl-ssl-plain.properties", "sasl-ssl-oauthbearer.properties"})
    void shouldShowALoginModuleForItsOwnMechanismWhenTheExampleUsesSasl(final String example) throws IOException {
        final Path file = Path.of("config", "examples", example);
        final String mechanism = PropertiesFiles.read(file).get("sasl.mechanism");
        final String module = mechanism.startsWith("SCRAM") ? "scram.ScramLoginModule"
                : mechanism.equals("PLAIN") ? "plain.PlainLoginModule" : "oauthbearer.OAuthBearerLoginModule";

        assertThat(Files.readString(file)).contains("TICKET_SYNC_SASL_JAAS_CONFIG='org.apache.kafka.common.security." + module);
    }
}
