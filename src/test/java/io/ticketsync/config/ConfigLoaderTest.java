package io.ticketsync.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldRejectAsConfigurationErrorWhenTheFileIsADirectoryOrUnreadable() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining(dir.toString()).hasMessageContaining("directory");
        // A path through a regular file cannot be read by anyone, root included.
        final Path unreadable = write("").resolve("child.properties");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(unreadable), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("cannot read configuration file " + unreadable);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-1", "kafka-1:9092,kafka-2", "kafka-1:0", ":9092"})
    void shouldRejectBootstrapServersWhenAnEntryIsNotHostAndPort(final String servers) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("bootstrap.servers", servers)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'bootstrap.servers'");
    }

    @Test
    void shouldUseBuiltInDefaultsWhenNothingElseIsGiven() {
        final TicketSyncConfig config = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());

        assertThat(config.topics()).isEqualTo(new Topics("tickets.changes", "tickets.synced", "tickets.dlq"));
        assertThat(config.applicationId()).isEqualTo("ticket-sync");
        assertThat(config.raw()).containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(config.statusMapping().isEmpty()).as("no sample data in production defaults").isTrue();
        assertThatThrownBy(config::requireMappings).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no status mapping configured").hasMessageContaining("--config");
    }

    @Test
    void shouldLetLaterConfigFilesWinKeyByKeyAndAddUpMappings() throws IOException {
        final Path first = Files.writeString(dir.resolve("first.properties"),
                "input.topic=first\nmapping.status.open=OPEN\nmapping.status.new=OPEN\nmapping.priority.p1=HIGH\n");
        final Path second = Files.writeString(dir.resolve("second.properties"), "input.topic=second\nmapping.status.new=WAITING\n");

        final TicketSyncConfig config = ConfigLoader.load(List.of(first, second), Map.of(),
                new ConfigLoader.CommandValues("run", Map.of(), Map.of()), Map.of());

        assertThat(config.topics().input()).isEqualTo("second");
        assertThat(config.statusMapping().asMap()).isEqualTo(Map.of("open", "OPEN", "new", "WAITING"));
    }

    @Test
    void shouldDropEveryEarlierMappingWhenAFileSaysMappingReplace() throws IOException {
        final Path own = Files.writeString(dir.resolve("own.properties"),
                "mapping.replace=true\nmapping.status.triage=OPEN\nmapping.priority.p1=HIGH\n");

        final TicketSyncConfig config = ConfigLoader.load(List.of(own), Map.of(),
                new ConfigLoader.CommandValues("dev", Defaults.sampleMappings(), Map.of()), Map.of());

        assertThat(config.statusMapping().asMap()).isEqualTo(Map.of("triage", "OPEN"));
        assertThat(config.priorityMapping().asMap()).isEqualTo(Map.of("p1", "HIGH"));
    }

    @Test
    void shouldAddToTheSampleMappingsWhenAFileDoesNotReplaceThem() throws IOException {
        final Path own = Files.writeString(dir.resolve("own.properties"), "mapping.status.triage=OPEN\n");

        final TicketSyncConfig config = ConfigLoader.load(List.of(own), Map.of(),
                new ConfigLoader.CommandValues("dev", Defaults.sampleMappings(), Map.of()), Map.of());

        assertThat(config.statusMapping().map("triage")).contains("OPEN");
        assertThat(config.statusMapping().map("pending")).as("a sample entry").contains("WAITING");
    }

    @Test
    void shouldRefuseMappingReplaceNamingTheFileLineWhenItIsNotABoolean() throws IOException {
        final Path own = Files.writeString(dir.resolve("own.properties"), "# mine\nmapping.replace=yes\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(own), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("'mapping.replace' must be true or false, got 'yes' (from " + own + ":2: fix that line)");
    }

    @Test
    void shouldLetCommandLineBeatEnvironmentBeatFileBeatDefaults() throws IOException {
        final Path file = write("input.topic=from-file\noutput.topic=from-file-out\ndlq.topic=from-file-dlq\n");
        final Map<String, String> env = Map.of(
                "TICKET_SYNC_OUTPUT_TOPIC", "from-env-out",
                "TICKET_SYNC_DLQ_TOPIC", "from-env-dlq");
        final Map<String, String> cli = Map.of("dlq.topic", "from-cli-dlq");

        final TicketSyncConfig config = ConfigLoader.load(Optional.of(file), env, cli);

        assertThat(config.topics()).isEqualTo(new Topics("from-file", "from-env-out", "from-cli-dlq"));
        assertThat(config.applicationId()).as("untouched keys keep their default").isEqualTo("ticket-sync");
    }

    @Test
    void shouldMapEnvironmentVariableNamesToKeys() {
        assertThat(ConfigLoader.fromEnvironment(Map.of(
                "TICKET_SYNC_BOOTSTRAP_SERVERS", "broker:9092",
                "TICKET_SYNC_MAPPING_STATUS_TRIAGE", "OPEN",
                "PATH", "/usr/bin",
                "TICKET_SYNC_", "ignored")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "bootstrap.servers", "broker:9092",
                        "mapping.status.triage", "OPEN"));
    }

    @Test
    void shouldNameTheKeyWhenAValueIsInvalid() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("output.max.record.bytes", "lots")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("output.max.record.bytes").hasMessageContaining("lots");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("dlq.topic", "tickets.changes")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("seven different topics");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("dlq.resolutions.topic", "tickets.dlq")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("seven different topics");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("dlq.control.topic", "tickets.dlq.resolutions")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("seven different topics");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("application.id", " ")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("application.id");
    }

    @Test
    void shouldReportMissingConfigFileClearly() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("nope.properties")), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("nope.properties");
    }

    @Test
    void shouldRefuseDeadLetterLimitWhenItExceedsTheProducersMaxRequestSize() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("dlq.max.record.bytes", "1048577")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("dlq.max.record.bytes").hasMessageContaining("1048576");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("max.request.size", "2000000", "producer.max.request.size", "500000")))
                .as("the producer-prefixed key wins, as in Kafka Streams")
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("producer.max.request.size").hasMessageContaining("500000");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("dlq.max.record.bytes", "0")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("dlq.max.record.bytes");
    }

    @Test
    void shouldRefuseOutputLimitWhenItExceedsTheProducersMaxRequestSize() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("output.max.record.bytes", "1048577")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'output.max.record.bytes' is 1048577")
                .hasMessageContaining("max.request.size 1048576 (Kafka's default)");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
                "dlq.max.record.bytes", "400000", "output.max.record.bytes", "600000", "producer.max.request.size", "500000")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("output.max.record.bytes").hasMessageContaining("producer.max.request.size 500000");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of("max.request.size", "4000000",
                "output.max.record.bytes", "4000000")).limits().outputMaxRecordBytes()).isEqualTo(4_000_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "two", "32768"})
    void shouldNameTopicsMinReplicationWhenItIsNotAReplicaCount(final String value) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("topics.min.replication", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'topics.min.replication' must be a replica count from 1 to 32767");
    }

    @Test
    void shouldCheckNoReplicationByDefaultAndReadTopicsMinReplicationWhenSet() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).topicsMinReplication()).isEqualTo((short) 1);
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of("topics.min.replication", "3"))
                .topicsMinReplication()).isEqualTo((short) 3);
    }

    @Test
    void shouldAcceptDeadLetterLimitUpToTheProducersMaxRequestSize() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).limits().dlqMaxRecordBytes()).isEqualTo(1_000_000);
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("max.request.size", "4000000", "dlq.max.record.bytes", "4000000")).limits().dlqMaxRecordBytes())
                .isEqualTo(4_000_000);
    }

    @Test
    void shouldShipDocumentedConfigFileAsTheBuiltInDefaults() {
        assertThat(PropertiesFiles.read(Path.of("config", "ticket-sync.properties"))).isEqualTo(Defaults.load());
    }

    @Test
    void shouldKeepOwnKeysClearOfPrefixesKafkaStreamsInterprets() {
        // Kafka Streams passes "topic.*" keys to internal-topic creation and client prefixes to
        // clients; one of our keys there would break the changelog topic or a client.
        final List<String> kafkaPrefixes = List.of(StreamsConfig.TOPIC_PREFIX, StreamsConfig.CONSUMER_PREFIX,
                StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX,
                StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX);
        final Set<String> kafkaKeys = StreamsConfig.configDef().names();

        for (final String key : Defaults.load().keySet()) {
            if (!kafkaKeys.contains(key) && !isClientKey(key)) {
                assertThat(kafkaPrefixes).as("prefix of ticket-sync key %s", key).noneMatch(key::startsWith);
            }
        }
    }

    /** A client setting the defaults pass on deliberately, such as consumer.session.timeout.ms. */
    private static boolean isClientKey(final String key) {
        return key.startsWith(StreamsConfig.CONSUMER_PREFIX)
                && ConsumerConfig.configNames().contains(key.substring(StreamsConfig.CONSUMER_PREFIX.length()))
                || key.startsWith(StreamsConfig.PRODUCER_PREFIX)
                && ProducerConfig.configNames().contains(key.substring(StreamsConfig.PRODUCER_PREFIX.length()));
    }

    private Path write(final String content) throws IOException {
        final Path file = dir.resolve("ticket-sync.properties");
        Files.writeString(file, content);
        return file;
    }
}
