package io.ticketsync.it;

import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.testing.TestActors;
import io.ticketsync.config.ConfigKeys;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.cli.Main;
import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DlqInspector;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.InspectionReport;
import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.testing.Workloads;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code dlq inspect} and {@code dlq replay} against a dead-letter topic that ticket-sync itself wrote. */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class DlqToolingIT {

    private static final DeadLetterFilter UNMAPPED = filter(null, "unmapped-status", null);
    private static final DeadLetterFilter INVALID_JSON = filter(null, "invalid-json", null);

    @Test
    void shouldGroupAndFilterDeadLetters(final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "dlq-inspect-it", state, Map.of());
        fillDeadLetterTopic(broker, config);
        final DlqInspector inspector = new DlqInspector(config);

        final InspectionReport all = inspector.inspect(DeadLetterFilter.ALL, 2, (read, total) -> { });
        assertThat(all.read()).isEqualTo(10);
        assertThat(all.groups()).extracting(InspectionReport.Group::stage, InspectionReport.Group::reason,
                        InspectionReport.Group::count)
                .containsExactly(
                        tuple("PROCESSING", "unmapped-status", 5L),
                        tuple("DESERIALIZATION", "invalid-json", 3L),
                        tuple("PROCESSING", "key-mismatch", 2L));
        final InspectionReport.Group unmapped = all.groups().get(0);
        assertThat(unmapped.samples()).hasSize(2);
        assertThat(unmapped.samples().get(0).error()).contains("escalated");
        assertThat(unmapped.samples().get(0).value()).contains("\"status\":\"escalated\"");
        assertThat(unmapped.firstTimestamp()).isBeforeOrEqualTo(unmapped.lastTimestamp());
        assertThat(all.toText()).contains("unmapped-status").contains("invalid-json").contains("key-mismatch");

        assertThat(inspector.inspect(filter("deserialization", null, null), 3, (r, t) -> { }).matched()).isEqualTo(3);
        assertThat(inspector.inspect(filter(null, null, "T-3"), 3, (r, t) -> { }).matched()).isEqualTo(1);
        final DeadLetter t3 = letters(broker, config).stream().filter(l -> "T-3".equals(l.keyText())).findFirst().orElseThrow();
        final DeadLetterFilter bySource = new DeadLetterFilter(null, null, null, t3.sourcePartition(),
                t3.sourceOffset(), t3.sourceOffset(), null, null);
        assertThat(inspector.inspect(bySource, 3, (r, t) -> { }).matched()).isEqualTo(1);
        final Instant future = Instant.now().plus(Duration.ofDays(1));
        assertThat(inspector.inspect(new DeadLetterFilter(null, null, null, null, null, null, future, null), 3,
                (r, t) -> { }).matched()).isZero();
        assertThat(inspector.inspect(new DeadLetterFilter(null, null, null, null, null, null, null, future), 3,
                (r, t) -> { }).matched()).isEqualTo(10);

        final JsonNode json = Json.MAPPER.readTree(runCli(config, "dlq", "inspect", "--format", "json", "--reason", "key-mismatch"));
        assertThat(json.get("matched").asLong()).isEqualTo(2);
        assertThat(json.get("groups").get(0).get("reason").asText()).isEqualTo("key-mismatch");
    }

    @Test
    void shouldReplayAfterMappingFixOnceAndNeverLoop(final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "dlq-replay-it", state, Map.of());
        fillDeadLetterTopic(broker, config);
        final String replay = config.topics().replay();
        final int replayBefore = broker.readAllCommitted(replay).size();

        final ReplayReport dryRun = replayer(config).replay(ReplayRequest.of(UNMAPPED, replay, 3, true, 100, TestActors.OPERATOR), TestActors.OPERATOR, (r, t) -> { });
        assertThat(dryRun.sent()).isEqualTo(5);
        assertThat(runCli(config, "dlq", "replay", "--dry-run", "--reason", "unmapped-status")).contains("would send: 5");
        assertThat(broker.readAllCommitted(replay)).as("a dry run sends nothing").hasSize(replayBefore);

        // The fix: the target system now knows "escalated".
        final TicketSyncConfig fixed = TestConfigs.forBroker(broker, "dlq-replay-it", state,
                Map.of("mapping.status.escalated", "ESCALATED"));
        try (RunningApp app = RunningApp.start(fixed, TicketSyncTopology.build(fixed))) {
            final ReplayReport first = replayer(config).replay(ReplayRequest.of(UNMAPPED, replay, 3, false, 2, TestActors.OPERATOR), TestActors.OPERATOR, (r, t) -> { });
            assertThat(first.sent()).isEqualTo(5);
            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(config.topics().output(),
                    records -> escalated(records) == 5, Duration.ofSeconds(60));
            final int outputAfterFirst = output.size();

            final ReplayReport second = replayer(config).replay(ReplayRequest.of(UNMAPPED, replay, 3, false, 2, TestActors.OPERATOR), TestActors.OPERATOR, (r, t) -> { });
            assertThat(second.sent()).as("the same selection again sends nothing").isZero();
            assertThat(broker.readAllCommitted(replay)).hasSize(replayBefore + 5);
            assertThat(broker.readAllCommitted(config.topics().output())).hasSize(outputAfterFirst);

            // Undecodable records fail again; with a limit of one replay they are not sent a second time.
            assertThat(replayer(config).replay(ReplayRequest.of(INVALID_JSON, replay, 1, false, 100, TestActors.OPERATOR), TestActors.OPERATOR, (r, t) -> { }).sent()).isEqualTo(3);
            final List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readCommittedUntil(config.topics().deadLetter(),
                    records -> records.size() >= 13, Duration.ofSeconds(60));
            final ConsumerRecord<byte[], byte[]> again = deadLetters.get(deadLetters.size() - 1);
            assertThat(text(again, DeadLetter.REPLAY_COUNT_HEADER)).isEqualTo("1");
            assertThat(again.headers().headers(DeadLetterHeaders.REASON)).as("old error headers were removed").hasSize(1);
            final ReplayReport limited = replayer(config).replay(ReplayRequest.of(INVALID_JSON, replay, 1, false, 100, TestActors.OPERATOR), TestActors.OPERATOR, (r, t) -> { });
            assertThat(limited.matched()).isEqualTo(3);
            assertThat(limited.exhausted()).isEqualTo(3);
            assertThat(limited.sent()).isZero();
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    /** Runs ticket-sync (without an "escalated" mapping) over a known mix until 10 dead letters exist. */
    private static void fillDeadLetterTopic(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        broker.createTopics(config.topics());
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            records.add(Workloads.record("T-" + i, TicketChangeBuilder.upsert("T-" + i, 1).status("escalated").bytes()));
        }
        for (int i = 6; i <= 8; i++) {
            records.add(Workloads.record("T-" + i, ("{\"ticketId\":\"T-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        records.add(Workloads.record("T-9", TicketChangeBuilder.upsert("T-10", 1).bytes()));
        records.add(Workloads.record("T-11", TicketChangeBuilder.upsert("T-12", 1).bytes()));
        for (int i = 20; i < 24; i++) {
            records.add(Workloads.record("T-" + i, TicketChangeBuilder.upsert("T-" + i, 1).bytes()));
        }
        broker.produce(config.topics().input(), records);
        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            broker.readCommittedUntil(config.topics().deadLetter(), found -> found.size() >= 10, Duration.ofSeconds(60));
            broker.readCommittedUntil(config.topics().output(), found -> found.size() >= 4, Duration.ofSeconds(60));
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    private static DlqReplayer replayer(final TicketSyncConfig config) {
        return new DlqReplayer(config, AuditLog.logger());
    }

    private static List<DeadLetter> letters(final KafkaBroker broker, final TicketSyncConfig config)
            throws InterruptedException {
        return broker.readAllCommitted(config.topics().deadLetter()).stream().map(DeadLetter::of).toList();
    }

    private static long escalated(final List<ConsumerRecord<byte[], byte[]>> output) {
        return output.stream().filter(record -> record.value() != null
                && new String(record.value(), StandardCharsets.UTF_8).contains("\"state\":\"ESCALATED\"")).count();
    }

    private static String text(final ConsumerRecord<byte[], byte[]> record, final String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static DeadLetterFilter filter(final String stage, final String reason, final String ticket) {
        return new DeadLetterFilter(stage, reason, ticket, null, null, null, null, null);
    }

    /** Runs the CLI as a user would, with the test's connection settings, and returns its stdout. */
    private static String runCli(final TicketSyncConfig config, final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        final Map<String, String> settings = new HashMap<>();
        for (final String key : new String[] {"bootstrap.servers", "application.id", ConfigKeys.INPUT_TOPIC,
                ConfigKeys.OUTPUT_TOPIC, ConfigKeys.DLQ_TOPIC}) {
            settings.put(key, config.raw().get(key));
        }
        settings.forEach((key, value) -> {
            all.add("--set");
            all.add(key + "=" + value);
        });
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(all.toArray(String[]::new))).isEqualTo(ExitCodes.OK);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
