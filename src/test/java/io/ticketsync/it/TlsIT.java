package io.ticketsync.it;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.testing.Await;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.dev.DevBroker;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.testing.AppProcess;
import io.ticketsync.testing.CommittedReads;
import io.ticketsync.testing.HttpProbe;
import io.ticketsync.testing.Ports;
import io.ticketsync.testing.TestCertificates;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TestProducers;
import io.ticketsync.testing.Workloads;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real broker with a TLS listener (certificates made with keytool): ticket-sync syncs over TLS;
 * with a truststore that does not trust the broker it fails fast with a clear message and exit 4;
 * the passwords appear in no log and not in /metrics.
 */
@Tag("integration")
@Timeout(300)
class TlsIT {

    private static final String BROKER_PASSWORD = "Br0kerStorePass";
    private static final String TRUST_PASSWORD = "Tru5tStorePass";

    @TempDir
    static Path dir;
    private static DevBroker broker;
    private static int tlsPort;
    private static TestCertificates.Pair brokerCertificates;

    @BeforeAll
    static void startBrokerWithTlsListener() throws Exception {
        brokerCertificates = TestCertificates.create(dir, "broker", BROKER_PASSWORD);
        final int port = Ports.free();
        final int controllerPort = Ports.free();
        tlsPort = Ports.free();
        broker = DevBroker.start(dir.resolve("broker"), port, controllerPort, Duration.ofSeconds(90), Map.of(
                // Plaintext stays for the test's own clients; ticket-sync gets only the TLS listener.
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                        + ",SSL://127.0.0.1:" + tlsPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",SSL://127.0.0.1:" + tlsPort,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL",
                "ssl.keystore.location", brokerCertificates.keystore().toString(),
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.password", BROKER_PASSWORD,
                "ssl.key.password", BROKER_PASSWORD));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void shouldSyncOverTlsWithoutShowingPasswords(@TempDir final Path work) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker.bootstrapServers(), "tls-it", work, Map.of());
        createTopics(config);
        final int httpPort = Ports.free();
        final AppProcess app = AppProcess.start("tls", work, config, tlsSettings(brokerCertificates.truststore(),
                BROKER_PASSWORD, httpPort));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(TestProducers.inOrder(broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            Workloads.versions(10, 2).forEach(record -> producer.send(
                    new ProducerRecord<>(config.topics().input(), record.key(), record.value())));
        }
        awaitOutput(config, 20, Duration.ofSeconds(90), app);
        final String metrics = new HttpProbe(httpPort).get("/metrics").body();
        assertThat(metrics).contains("kafka_").doesNotContain(BROKER_PASSWORD);
        assertThat(app.stop(Duration.ofSeconds(60))).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(app.log())).contains("security.protocol=SSL")
                .contains("ssl.truststore.password=[hidden]").doesNotContain(BROKER_PASSWORD);
    }

    @Test
    void shouldFailFastWithClearErrorWhenTruststoreDoesNotTrustTheBroker(@TempDir final Path work) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker.bootstrapServers(), "tls-wrong-it", work, Map.of());
        createTopics(config);
        final TestCertificates.Pair stranger = TestCertificates.create(work, "stranger", TRUST_PASSWORD);

        final Instant started = Instant.now();
        final AppProcess app = AppProcess.start("wrong-trust", work, config,
                tlsSettings(stranger.truststore(), TRUST_PASSWORD, Ports.free()));

        assertThat(app.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        assertThat(Duration.between(started, Instant.now())).as("fails fast, not after a long stall")
                .isLessThan(Duration.ofSeconds(45));
        assertThat(Files.readString(app.log())).contains("TLS handshake with bootstrap.servers=127.0.0.1:" + tlsPort + " failed")
                .contains("ssl.truststore").doesNotContain(TRUST_PASSWORD);
    }

    private static Map<String, String> tlsSettings(final Path truststore, final String password, final int httpPort) {
        return Map.of(
                "bootstrap.servers", "127.0.0.1:" + tlsPort,
                "security.protocol", "SSL",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", password,
                ConfigKeys.HTTP_PORT, String.valueOf(httpPort),
                ConfigKeys.STARTUP_TIMEOUT_MS, "20000");
    }

    private static void createTopics(final TicketSyncConfig config) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(TopicLayout.newTopics(config.topics(), (short) 1)).all().get();
        }
    }

    private static void awaitOutput(final TicketSyncConfig config, final int expected, final Duration timeout,
                                    final AppProcess app) throws Exception {
        Await.until(expected + " output records", () -> {
            assertThat(app.isAlive()).as("ticket-sync still running; log " + app.log()).isTrue();
            return CommittedReads.readAll(broker.bootstrapServers(), config.topics().output()).size();
        }, count -> count >= expected, timeout, Duration.ofMillis(500));
    }
}
