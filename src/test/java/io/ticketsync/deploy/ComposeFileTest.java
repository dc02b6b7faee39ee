package io.ticketsync.deploy;

import io.ticketsync.testing.TestConfigs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ticketsync.config.ConfigLoader;
import io.ticketsync.config.Defaults;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.cluster.TopicLayout;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs in CI, so this reads docker-compose.yml and the Dockerfile and checks them
 * against what the application really uses: configuration keys, topics, ports, health endpoints,
 * Kafka version, shutdown timeout. Drift fails the build.
 */
class ComposeFileTest {

    private static JsonNode compose;
    private static JsonNode app;
    private static Map<String, String> appEnvironment;
    private static String dockerfile;

    @BeforeAll
    static void read() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        app = compose.path("services").path("ticket-sync");
        appEnvironment = new HashMap<>();
        app.path("environment").fields().forEachRemaining(entry -> appEnvironment.put(entry.getKey(), entry.getValue().asText()));
        dockerfile = Files.readString(Path.of("Dockerfile"));
    }

    @Test
    void shouldConfigureTicketSyncOnlyThroughKeysTheApplicationKnows() {
        final Set<String> known = new HashSet<>(Defaults.load().keySet());
        known.addAll(StreamsConfig.configDef().names());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());

        final Map<String, String> keys = ConfigLoader.fromEnvironment(appEnvironment);
        assertThat(keys).as("TICKET_SYNC_* variables in docker-compose.yml").isNotEmpty();
        assertThat(keys.keySet()).allSatisfy(key -> assertThat(known).as("known key").contains(key));
        assertThat(appEnvironment.keySet()).allSatisfy(name ->
                assertThat(name.startsWith(ConfigLoader.ENV_PREFIX) || name.equals("JAVA_OPTS")).as(name).isTrue());
        // The whole environment must make a valid configuration.
        ConfigLoader.load(Optional.empty(), appEnvironment, Map.of());
    }

    @Test
    void shouldCreateExactlyTheTopicsTheApplicationReadsAndWrites() {
        final TicketSyncConfig config = ConfigLoader.load(Optional.empty(), appEnvironment, Map.of());
        final String script = compose.path("services").path("topics").path("command").get(0).asText();
        final Map<String, String> created = new HashMap<>();
        final Matcher topic = Pattern.compile("--topic (\\S+) --partitions (\\d+)[^\\n]*").matcher(script);
        while (topic.find()) {
            created.put(topic.group(1), topic.group(0));
        }
        // The same topics, partition counts and cleanup policies as TopicLayout, which dev and the tests use.
        final List<NewTopic> layout = TopicLayout.newTopics(config.topics(), (short) 1);
        assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(layout.stream().map(NewTopic::name).toList());
        for (final NewTopic expected : layout) {
            final String line = created.get(expected.name());
            assertThat(line).as(expected.name()).contains("--partitions " + expected.numPartitions());
            final String policy = expected.configs() == null ? null : expected.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null) {
                assertThat(line).as(expected.name()).doesNotContain("cleanup.policy");
            } else {
                assertThat(line).as(expected.name()).contains("cleanup.policy=" + policy);
            }
        }
        assertThat(script).contains("--if-not-exists");
        assertThat(compose.path("services").path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText())
                .isEqualTo("false");
    }

    @Test
    void shouldPointAtTheBrokerAndTheKafkaVersionWeBuildAgainst() throws IOException {
        final JsonNode kafka = compose.path("services").path("kafka");
        assertThat(kafka.path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
                .contains(appEnvironment.get("TICKET_SYNC_BOOTSTRAP_SERVERS"));
        final Matcher pomVersion = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pomVersion.find()).isTrue();
        assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:" + pomVersion.group(1));
        assertThat(compose.path("services").path("topics").path("image").asText()).isEqualTo(kafka.path("image").asText());
    }

    @Test
    void shouldWireHealthPortsRestartsAndShutdownToTheApplication() {
        final TicketSyncConfig config = ConfigLoader.load(Optional.empty(), appEnvironment, Map.of());
        assertThat(app.path("healthcheck").path("test").toString()).contains("probe").contains("live");
        assertThat(app.path("ports").get(0).asText()).endsWith(":" + config.api().port());
        assertThat(config.api().bindAddress()).as("reachable from outside the container").isEqualTo("0.0.0.0");
        assertThat(app.path("restart").asText()).as("a non-zero exit is restarted").isIn("on-failure", "always", "unless-stopped");
        assertThat(app.path("deploy").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(app.path("depends_on").path("topics").path("condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(compose.path("services").path("topics").path("restart").asText()).isEqualTo("no");
        final Duration grace = Duration.ofSeconds(Long.parseLong(app.path("stop_grace_period").asText().replace("s", "")));
        assertThat(grace).as("SIGTERM gets longer than the app's own shutdown timeout").isGreaterThan(config.shutdownTimeout());
    }

    @Test
    void shouldBuildAnImageThatRunsAsNonRootAndChecksItsOwnHealth() {
        final TicketSyncConfig defaults = TestConfigs.defaults();
        final Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("0").doesNotStartWith("root");
        assertThat(dockerfile).contains("EXPOSE " + defaults.api().port())
                .contains("\"probe\", \"live\"")
                .contains("ENTRYPOINT [\"/app/docker-entrypoint.sh\"]")
                .contains("eclipse-temurin:17-jre");
        assertThat(Path.of("docker-entrypoint.sh")).isExecutable();
        assertThat(dockerfile).as("the image runs the production jar the README builds")
                .contains("COPY --from=build /src/target/ticket-sync.jar /app/ticket-sync.jar");
        assertThat(dockerfile.lines().filter(line -> line.startsWith("COPY")))
                .as("the image carries no broker: the dev jar stays in the build stage")
                .noneMatch(line -> line.contains("ticket-sync-dev.jar") || line.contains("target/*"));
    }
}
