package io.ticketsync.deploy;

import io.ticketsync.testing.TestConfigs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs in CI, so this reads docker-compose.yml and the Dockerfile and checks them
 * against what the application really uses: configuration keys, topics, ports, health endpoints,
 * Kafka version, shutdown timeout. Drift fails the build.
 */
class ComposeFileTest {

    /** {@code ${NAME:-default}}: the operator's address, or the default when unset or empty. */
    private static final Pattern OPERATOR_ADDRESS = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):-([^}]+)}");

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

    /** The configuration the ticket-sync service runs with: its --config files (read on the host) and its environment. */
    private static TicketSyncConfig composeConfig() {
        final Map<String, Path> mounted = new HashMap<>();
        app.path("volumes").forEach(volume -> {
            final String[] parts = volume.asText().split(":");
            mounted.put(parts[1], Path.of(parts[0]));
        });
        final List<Path> files = new ArrayList<>();
        final JsonNode command = app.path("command");
        for (int i = 0; i + 1 < command.size(); i++) {
            if ("--config".equals(command.get(i).asText())) {
                final String inContainer = command.get(i + 1).asText();
                assertThat(mounted).as("%s is mounted from this checkout", inContainer).containsKey(inContainer);
                files.add(mounted.get(inContainer));
            }
        }
        return ConfigLoader.load(files, appEnvironment, new ConfigLoader.CommandValues("run", Map.of(), Map.of()), Map.of())
                .requireMappings();
    }

    @Test
    void shouldNameTheMappingFileExplicitlyWhenRunningTheSampleTickets() {
        assertThat(app.path("command").toString()).contains("--config").contains("sample-mappings.properties");
        assertThat(composeConfig().statusMapping().asMap()).isNotEmpty();
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
        // The whole environment and the named files must make a valid configuration.
        composeConfig();
    }

    @Test
    void shouldCreateExactlyTheTopicsTheApplicationReadsAndWrites() {
        final TicketSyncConfig config = composeConfig();
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
            final Map<String, String> configs = expected.configs() == null ? Map.of() : expected.configs();
            if (!configs.containsKey(TopicConfig.CLEANUP_POLICY_CONFIG)) {
                assertThat(line).as(expected.name()).doesNotContain("cleanup.policy");
            }
            // Every setting of the layout (cleanup.policy, the audit trail's retention.ms) is given at creation.
            configs.forEach((key, value) -> assertThat(line).as(expected.name()).contains("--config " + key + "=" + value));
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
        final TicketSyncConfig config = composeConfig();
        assertThat(app.path("healthcheck").path("test").toString()).contains("probe").contains("live");
        assertThat(app.path("ports")).as("ticket-sync publishes its HTTP API").isNotEmpty();
        assertThat(app.path("ports")).allSatisfy(port ->
                assertThat(containerPort(port)).as(port.toString()).isEqualTo(String.valueOf(config.api().port())));
        assertThat(config.api().bindAddress()).as("reachable from outside the container").isEqualTo("0.0.0.0");
        assertThat(app.path("restart").asText()).as("a non-zero exit is restarted").isIn("on-failure", "always", "unless-stopped");
        assertThat(app.path("deploy").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(app.path("depends_on").path("topics").path("condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(compose.path("services").path("topics").path("restart").asText()).isEqualTo("no");
        final Duration grace = Duration.ofSeconds(Long.parseLong(app.path("stop_grace_period").asText().replace("s", "")));
        assertThat(grace).as("SIGTERM gets longer than the app's own shutdown timeout").isGreaterThan(config.shutdownTimeout());
    }

    @Test
    void shouldTagTheImageWithTheProjectVersionAndBuildItFromTheCheckout() throws Exception {
        final String version = pomVersion();
        assertThat(app.path("image").asText()).isEqualTo("ticket-sync:" + version);
        // Built here, never pulled: without pull_policy Compose first tries a registry for the image.
        assertThat(app.path("build").asText()).isEqualTo(".");
        assertThat(app.path("pull_policy").asText()).isEqualTo("build");
        // Comments that spell out the tag (docker build -t ...) move with the version too.
        final Matcher tag = Pattern.compile("ticket-sync:([A-Za-z0-9_][A-Za-z0-9_.-]*)")
                .matcher(Files.readString(Path.of("docker-compose.yml")));
        final List<String> tags = new ArrayList<>();
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        assertThat(tags).isNotEmpty().allSatisfy(found -> assertThat(found).isEqualTo(version));
    }

    @Test
    void shouldPublishPortsOnlyOnLoopbackOrAnAddressTheOperatorChooses() {
        final List<String> published = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service -> service.getValue().path("ports").forEach(port -> {
            final String where = service.getKey() + " " + port;
            published.add(where);
            final String host = hostAddress(port);
            assertThat(host).as(where + ": bound to an address, never to every interface").isNotEmpty();
            final Matcher variable = OPERATOR_ADDRESS.matcher(host);
            if (variable.matches()) {
                assertThat(variable.group(1)).as(where + ": the application would read it as a configuration key")
                        .doesNotStartWith(ConfigLoader.ENV_PREFIX);
                assertThat(isLoopback(variable.group(2))).as(where + ": defaults to loopback").isTrue();
            } else {
                assertThat(isLoopback(host)).as(where + ": loopback or ${VARIABLE:-loopback}").isTrue();
            }
        }));
        assertThat(published).as("the HTTP API is published").isNotEmpty();
        assertThat(isLoopback("127.0.0.1")).isTrue();
        assertThat(isLoopback("[::1]")).isTrue();
        assertThat(isLoopback("0.0.0.0")).isFalse();
        assertThat(isLoopback("localhost")).as("names are not resolved").isFalse();
        assertThat(hostAddress(textNode("8080:8080"))).isEmpty();
        assertThat(hostAddress(textNode("8080"))).isEmpty();
        assertThat(hostAddress(textNode("127.0.0.1:8080-8082:8080"))).isEqualTo("127.0.0.1");
        assertThat(hostAddress(textNode("[::1]:8080:8080/tcp"))).isEqualTo("[::1]");
        assertThat(hostAddress(textNode("${A:-127.0.0.1}:8080:8080"))).isEqualTo("${A:-127.0.0.1}");
        assertThat(OPERATOR_ADDRESS.matcher("${A}").matches()).as("unset means every interface").isFalse();
        assertThat(OPERATOR_ADDRESS.matcher("${A-127.0.0.1}").matches()).as("empty means every interface").isFalse();
    }

    /** The host address of a published port, long or short syntax; empty when it has none (every interface). */
    private static String hostAddress(final JsonNode port) {
        if (port.isObject()) {
            return port.path("host_ip").asText("");
        }
        final String text = port.asText();
        if (text.startsWith("${")) {
            return text.substring(0, text.indexOf('}') + 1);
        }
        if (text.startsWith("[")) {
            return text.substring(0, text.indexOf(']') + 1);
        }
        final String[] parts = text.split(":");
        return parts.length == 3 ? parts[0] : "";
    }

    /** The container port of a published port, long or short syntax. */
    private static String containerPort(final JsonNode port) {
        if (port.isObject()) {
            return port.path("target").asText();
        }
        final String text = port.asText();
        return text.substring(text.lastIndexOf(':') + 1).replaceAll("/.*", "");
    }

    /** An IPv4 or IPv6 loopback literal; host names are not resolved. */
    private static boolean isLoopback(final String address) {
        final String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (final UnknownHostException e) {
            return false;
        }
    }

    private static JsonNode textNode(final String text) {
        return TextNode.valueOf(text);
    }

    /** The project's own {@code <version>} in pom.xml (not a dependency's or a plugin's). */
    private static String pomVersion() throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        final Element project = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getDocumentElement();
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals("version")) {
                return element.getTextContent().trim();
            }
        }
        throw new AssertionError("pom.xml has no <version> of its own");
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
