package io.ticketsync.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    @Test
    void shouldHideEveryKindOfSecretAndKeepTheRest() {
        final Map<String, String> masked = SecretMasker.mask(Map.of(
                "sasl.jaas.config", "org.apache...ScramLoginModule required username=\"u\" password=\"p4ss\";",
                "ssl.keystore.password", "k3y",
                "ssl.key.password", "k3y",
                "ssl.truststore.password", "tru5t",
                "producer.ssl.keystore.password", "k3y",
                "basic.auth.user.info", "u:p",
                "sasl.oauthbearer.token.endpoint.url", "https://idp/token",
                "bootstrap.servers", "broker:9093",
                "ssl.truststore.location", "/etc/truststore.jks"));

        assertThat(masked).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("ssl.truststore.location", "/etc/truststore.jks");
        assertThat(masked.values()).noneMatch(value -> value.contains("p4ss") || value.contains("k3y")
                || value.contains("tru5t") || value.equals("u:p"));
    }
}
