package io.ticketsync.it;

import io.ticketsync.cli.Main;
import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DeadLetterTopicId;
import io.ticketsync.deadletter.tools.Decisions;
import io.ticketsync.deadletter.tools.LetterEditor;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Resolution;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dlq edit} against a real broker and a running ticket-sync with its HTTP API: the check the
 * owning instance answers, what is refused (exit 2, nothing sent), what needs --force, and the send:
 * the edited record in the replay topic with its headers, the letter REPLAYED with the edit.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class LetterEditIT {

    private static final String APP = "letter-edit-it";

    /** What one CLI run said. */
    private record Run(int exit, String out, String err) {
    }

    @Test
    void shouldCheckRefuseAndSendAnEditedLetter(final KafkaBroker broker, @TempDir final Path state) throws Exception {
        ConsoleSeed.deadLetters(broker, APP, state, Map.of());
        final TicketSyncConfig config = TestConfigs.forBroker(broker, APP, state, Map.of());
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final String url = "http://127.0.0.1:" + app.port();
            // The check reads the store: asked before the instance runs, it answers 503 (and the edit sends nothing).
            app.http().awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            final DeadLetter letter = letterOf(broker, config, "T-2");
            final String id = letter.partition() + "@" + letter.offset();

            final Run dryRun = cli(config, url, "--id", id, "--set-field", "fields.status=open", "--dry-run");
            assertThat(dryRun.exit()).as(dryRun.err()).isEqualTo(ExitCodes.OK);
            assertThat(dryRun.out()).contains("applies as version 1", "fields.status: \"escalated\" -> \"open\"",
                    "state: (absent) -> \"OPEN\"", "Dry run: nothing sent");

            final Path notJson = Files.writeString(state.resolve("not.json"), "{\"ticketId\":");
            for (final String[] bad : List.of(
                    new String[] {"--id", id, "--value-file", notJson.toString()},
                    new String[] {"--id", id, "--remove-field", "fields.nope"},
                    new String[] {"--id", id, "--set-field", "nothing.status=open"},
                    new String[] {"--id", id, "--set-field", "version=2"},
                    new String[] {"--id", id, "--set-field", "fields.status=escalated"},
                    new String[] {"--id", "0@999", "--set-field", "fields.status=open"},
                    new String[] {"--id", "seven", "--set-field", "fields.status=open"})) {
                final Run refused = cli(config, url, bad);
                assertThat(refused.exit()).as(String.join(" ", bad) + ": " + refused.err() + refused.out()).isEqualTo(ExitCodes.USAGE);
                assertThat(refused.err().strip().lines()).as("one line").hasSize(1);
            }

            final Run unconfirmed = cli(config, url, "--id", id, "--set-field", "fields.status=weird");
            assertThat(unconfirmed.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(unconfirmed.out()).contains("would be dead-lettered again: unmapped-status", "Not sent: add --force");
            assertThat(broker.readAllCommitted(config.topics().replay())).as("nothing sent so far").isEmpty();

            final Run sent = cli(config, url, "--id", id, "--set-field", "fields.status=open", "--note", "source typo");
            assertThat(sent.exit()).as(sent.err()).isEqualTo(ExitCodes.OK);
            assertThat(sent.out()).contains("applies as version 1", "marked REPLAYED with the edit");

            final List<ConsumerRecord<byte[], byte[]>> replayed = broker.readAllCommitted(config.topics().replay());
            assertThat(replayed).hasSize(1);
            final ConsumerRecord<byte[], byte[]> record = replayed.get(0);
            final String topicId = DeadLetterTopicId.read(config);
            assertThat(record.partition()).as("the letter's source partition").isEqualTo(letter.sourcePartition());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("T-2");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"status\":\"open\"", "\"ticketId\":\"T-2\"");
            assertThat(header(record, LetterEditor.LETTER_HEADER)).isEqualTo(topicId + "/" + id);
            assertThat(header(record, LetterEditor.ACTOR_HEADER)).isEqualTo("edit-it (self-asserted)");
            assertThat(header(record, LetterEditor.AT_HEADER)).isNotBlank();
            assertThat(header(record, DeadLetter.REPLAY_COUNT_HEADER)).isEqualTo("1");
            assertThat(record.headers().lastHeader(DeadLetterHeaders.REASON)).as("error headers removed").isNull();

            final Resolution decision = Decisions.read(config, topicId).decisionOf(letter);
            assertThat(decision.status()).isEqualTo(LetterStatus.REPLAYED);
            assertThat(decision.note()).isEqualTo("source typo");
            assertThat(decision.edit()).containsExactly("fields.status: \"escalated\" -> \"open\"");

            final Run closed = cli(config, url, "--id", id, "--set-field", "fields.status=open");
            assertThat(closed.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(closed.err()).contains("is closed (REPLAYED");
            assertThat(broker.readAllCommitted(config.topics().replay())).hasSize(1);
            // The running instance reads the replay topic beside the input: the edited ticket applies.
            final List<ConsumerRecord<byte[], byte[]>> synced = broker.readCommittedUntil(config.topics().output(),
                    records -> records.stream().anyMatch(out -> "T-2".equals(new String(out.key(), StandardCharsets.UTF_8))),
                    Duration.ofSeconds(60));
            assertThat(synced).filteredOn(out -> "T-2".equals(new String(out.key(), StandardCharsets.UTF_8))).singleElement()
                    .satisfies(out -> assertThat(new String(out.value(), StandardCharsets.UTF_8)).contains("\"state\":\"OPEN\""));
            assertThat(broker.readAllCommitted(config.topics().input())).as("the input's other consumers see no edit")
                    .hasSize(4);
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void shouldExitThreeNamingTheKeyWhenNoInstanceIsConfiguredAndOneWhenNoneAnswers(final KafkaBroker broker,
                                                                                   @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, APP + "-nourl", state, Map.of());
        final Run run = cli(config, null, "--id", "0@0", "--set-field", "fields.status=open");
        assertThat(run.exit()).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(run.err()).contains("dlq.check.url");

        ConsoleSeed.deadLetters(broker, APP + "-nobody", state, Map.of());
        final TicketSyncConfig seeded = TestConfigs.forBroker(broker, APP + "-nobody", state, Map.of());
        final DeadLetter letter = letterOf(broker, seeded, "T-2");
        final Run unanswered = cli(seeded, "http://127.0.0.1:1", "--id", letter.partition() + "@" + letter.offset(),
                "--set-field", "fields.status=open");
        assertThat(unanswered.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unanswered.err().strip()).startsWith("ticket-sync: no running ticket-sync answered at http://127.0.0.1:1")
                .endsWith("is dlq.check.url right?").doesNotContain("\tat ");
        assertThat(broker.readAllCommitted(seeded.topics().replay())).isEmpty();
    }

    private static DeadLetter letterOf(final KafkaBroker broker, final TicketSyncConfig config, final String key)
            throws InterruptedException {
        return broker.readAllCommitted(config.topics().deadLetter()).stream().map(DeadLetter::of)
                .filter(letter -> key.equals(letter.keyText())).findFirst().orElseThrow();
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Run cli(final TicketSyncConfig config, final String checkUrl, final String... args) {
        final List<String> all = new ArrayList<>(List.of("dlq", "edit"));
        all.addAll(List.of(args));
        all.addAll(List.of("--actor", "edit-it"));
        for (final String key : new String[] {"bootstrap.servers", "application.id", ConfigKeys.INPUT_TOPIC,
                ConfigKeys.OUTPUT_TOPIC, ConfigKeys.DLQ_TOPIC}) {
            all.add("--set");
            all.add(key + "=" + config.raw().get(key));
        }
        if (checkUrl != null) {
            all.add("--set");
            all.add(ConfigKeys.DLQ_CHECK_URL + "=" + checkUrl);
        }
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
