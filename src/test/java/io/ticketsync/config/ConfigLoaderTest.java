package io.ticketsync.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseBuiltInDefaultsWhenNothingElseIsGiven() {
        final TicketSyncConfig config = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());

        assertThat(config.topics()).isEqualTo(new Topics("tickets.changes", "tickets.synced", "tickets.dlq"));
        assertThat(config.applicationId()).isEqualTo("ticket-sync");
        assertThat(config.raw()).containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(config.statusMapping().map("open")).contains("OPEN");
    }

    @Test
    void shouldLetCommandLineBeatEnvironmentBeatFileBeatDefaults() throws IOException {
        final Path file = write("topic.input=from-file\ntopic.output=from-file-out\ntopic.dlq=from-file-dlq\n");
        final Map<String, String> env = Map.of(
                "TICKET_SYNC_TOPIC_OUTPUT", "from-env-out",
                "TICKET_SYNC_TOPIC_DLQ", "from-env-dlq");
        final Map<String, String> cli = Map.of("topic.dlq", "from-cli-dlq");

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
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("topic.dlq", "tickets.changes")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("three different topics");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("application.id", " ")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("application.id");
    }

    @Test
    void shouldReportMissingConfigFileClearly() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("nope.properties")), Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("nope.properties");
    }

    @Test
    void shouldWireTicketSyncHandlersIntoStreamsProperties() {
        final Map<String, Object> props = ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).streamsProperties();

        assertThat(props).containsEntry("deserialization.exception.handler",
                io.ticketsync.errors.DeserializationDeadLetterHandler.class);
        assertThat(props).containsEntry("processing.exception.handler",
                io.ticketsync.errors.ProcessingDeadLetterHandler.class);
        assertThat(props).containsEntry("production.exception.handler",
                io.ticketsync.errors.ProductionDeadLetterHandler.class);
        assertThat(props).containsEntry("topic.dlq", "tickets.dlq");
    }

    @Test
    void shouldShipDocumentedConfigFileAsTheBuiltInDefaults() {
        assertThat(PropertiesFiles.read(Path.of("config", "ticket-sync.properties"))).isEqualTo(Defaults.load());
    }

    private Path write(final String content) throws IOException {
        final Path file = dir.resolve("ticket-sync.properties");
        Files.writeString(file, content);
        return file;
    }
}
