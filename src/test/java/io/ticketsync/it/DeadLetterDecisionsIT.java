package io.ticketsync.it;

import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.testing.TestActors;
import io.ticketsync.cli.Main;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.console.KafkaDeadLetterCatalog;
import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DeadLetterTopicId;
import io.ticketsync.deadletter.tools.DlqInspector;
import io.ticketsync.deadletter.tools.DlqWriter;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.InspectionReport;
import io.ticketsync.deadletter.tools.LetterMarker;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.MarkReport;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.Selection;
import io.ticketsync.deadletter.tools.WriterBusyException;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.DeadLetterRecords;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions about dead letters bind to the letter they were made about, a malformed one breaks no
 * tool, a confirmed dry run sends exactly what it showed, and two writers never send a letter twice.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(240)
class DeadLetterDecisionsIT {

    private static final DeadLetterFilter UNMAPPED = new DeadLetterFilter(null, "unmapped-status", null, null, null,
            null, null, null);

    @Test
    void shouldKeepEveryToolWorkingAndReportAMalformedResolutionRecord(final KafkaBroker broker,
                                                                      @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = setUp(broker, "decisions-malformed-it", state, 3);
        final String topicId = DeadLetterTopicId.read(config);
        broker.produce(config.topics().resolutions(), List.of(
                new ProducerRecord<>("t", bytes(topicId + "/0@0"), bytes("{\"letter\":\"0@0\",\"fingerprint\":\"0000000000000000\"}")),
                new ProducerRecord<>("t", bytes(topicId + "/0@2"), bytes("not json"))));

        final Cli inspect = Cli.run(config, List.of("dlq", "inspect"));
        assertThat(inspect.exit).as(inspect.err).isEqualTo(ExitCodes.OK);
        assertThat(inspect.out).contains("3 match").contains("2 resolution record(s) could not be read").contains("it has no status");
        final Cli resolve = Cli.run(config, List.of("dlq", "resolve", "--id", "0@1", "--note", "fixed upstream"));
        assertThat(resolve.exit).as(resolve.err).isEqualTo(ExitCodes.OK);
        assertThat(resolve.out).contains("Marked 1 dead letters RESOLVED").contains("WARNING: 2 resolution record(s)");
        final Cli export = Cli.run(config, List.of("dlq", "export"));
        assertThat(export.exit).as(export.err).isEqualTo(ExitCodes.OK);
        assertThat(export.err).contains("Exported 2 dead letters");
        final Cli replay = Cli.run(config, List.of("dlq", "replay"));
        assertThat(replay.exit).as(replay.err).isEqualTo(ExitCodes.OK);

        assertThat(keys(broker.readAllCommitted(config.topics().replay()))).as("the unreadable decisions leave their letters open")
                .containsExactlyInAnyOrder("T-0", "T-2");
    }

    @Test
    void shouldLeaveTheLettersOfARecreatedTopicOpenAndAdoptLegacyDecisionsOnlyOnce(final KafkaBroker broker,
                                                                                   @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = setUp(broker, "decisions-recreated-it", state, 2);
        // Written by an earlier version: keyed by place alone, its letter an object.
        broker.produce(config.topics().resolutions(), List.of(new ProducerRecord<>("t", bytes("0@0"),
                bytes("{\"letter\":{\"partition\":0,\"offset\":0},\"status\":\"RESOLVED\",\"actor\":\"ops\","
                        + "\"at\":\"2026-11-30T10:00:00Z\",\"selection\":\"all\",\"note\":\"\"}"))));

        assertThat(replayAll(config).sent()).as("the upgrade reopens nothing: T-0 stays resolved").isEqualTo(1);
        assertThat(keys(broker.readAllCommitted(config.topics().replay()))).containsExactly("T-1");

        recreateDeadLetterTopic(broker, config);
        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(5, 2, config));
        final InspectionReport inspected = new DlqInspector(config).inspect(DeadLetterFilter.ALL, 0, (read, total) -> { });
        assertThat(inspected.matched()).as("the new letters at 0@0 and 0@1 are open").isEqualTo(2);
        assertThat(inspected.problems()).anySatisfy(problem -> assertThat(problem).contains("another dead-letter topic"));
        assertThat(replayAll(config).sent()).isEqualTo(2);
        assertThat(keys(broker.readAllCommitted(config.topics().replay()))).containsExactlyInAnyOrder("T-1", "T-5", "T-6");
    }

    @Test
    void shouldShowInAnUpgradedConsoleAsClosedWhatTheEarlierVersionClosed(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "decisions-console-upgrade-it", state,
                Map.of("console.password", "a-long-enough-console-password", "console.port", "0"));
        broker.createTopics(config.topics());
        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(0, 2, config));
        broker.produce(config.topics().resolutions(), List.of(new ProducerRecord<>("t", bytes("0@1"),
                bytes("{\"letter\":{\"partition\":0,\"offset\":1},\"status\":\"DISCARDED\",\"actor\":\"ops\","
                        + "\"at\":\"2026-11-30T10:00:00Z\",\"selection\":\"all\",\"note\":\"\"}"))));

        try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
            Await.until("the console's index to show the legacy decision", () -> console.progress(),
                    progress -> progress.caughtUp() && progress.indexed() == 2, Duration.ofSeconds(60), Duration.ofMillis(200));
        }
        try (KafkaDeadLetterCatalog catalog = KafkaDeadLetterCatalog.start(config)) {
            Await.until("an index of the upgraded topic", () -> catalog.overview(Duration.ofMinutes(1), 5).open(),
                    open -> open == 1, Duration.ofSeconds(60), Duration.ofMillis(200));
        }
        assertThat(keys(broker.readAllCommitted(config.topics().resolutions())))
                .contains(DeadLetterTopicId.read(config) + "/0@1", "adopted/" + config.topics().deadLetter());
    }

    @Test
    void shouldSendExactlyWhatTheDryRunShowedAndSayWhatDiffers(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = setUp(broker, "decisions-plan-it", state, 3);
        final Path plan = state.resolve("plan.json");
        final Cli dryRun = Cli.run(config, List.of("dlq", "replay", "--reason", "unmapped-status"), "--dry-run", "--plan", plan.toString());
        assertThat(dryRun.exit).as(dryRun.err).isEqualTo(ExitCodes.OK);
        assertThat(dryRun.out).contains("would send: 3").contains("Plan written to");

        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(10, 2, config));
        assertThat(Cli.run(config, List.of("dlq", "resolve", "--id", "0@1")).exit).isEqualTo(ExitCodes.OK);
        final Cli confirmed = Cli.run(config, List.of("dlq", "replay"), "--execute-plan", plan.toString());

        assertThat(confirmed.exit).as("the difference fails the command").isEqualTo(ExitCodes.FAILURE);
        assertThat(confirmed.out).contains("sent: 2").contains("the plan showed: 3 (DIFFERENT");
        assertThat(keys(broker.readAllCommitted(config.topics().replay()))).as("nothing that arrived after the dry run")
                .containsExactlyInAnyOrder("T-0", "T-2");
    }

    @Test
    void shouldRefuseASecondWriterNamingTheHolderAndSendEachLetterOnce(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = setUp(broker, "decisions-writers-it", state, 300);
        try (DlqWriter held = DlqWriter.open(config, DeadLetterTopicId.read(config), "alice", "replay")) {
            final Cli refused = Cli.run(config, List.of("dlq", "replay"));
            assertThat(refused.exit).isEqualTo(ExitCodes.FAILURE);
            assertThat(refused.err).contains("another action writes").contains("replay by alice").doesNotContain("\tat ");
        }

        // Two overlapping selections at once, each a few times: whoever is refused tries again.
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            final List<Future<Long>> runs = new ArrayList<>();
            for (final DeadLetterFilter filter : List.of(DeadLetterFilter.ALL, UNMAPPED, DeadLetterFilter.ALL, UNMAPPED)) {
                runs.add(pool.submit(replayUntilNotBusy(config, filter)));
            }
            long sent = 0;
            for (final Future<Long> run : runs) {
                sent += run.get();
            }
            assertThat(sent).isEqualTo(300);
        } finally {
            pool.shutdownNow();
        }
        final List<String> replayed = keys(broker.readAllCommitted(config.topics().replay()));
        assertThat(replayed).hasSize(300).doesNotHaveDuplicates();
    }

    @Test
    void shouldMarkAllMatchingOnlyUpToTheLettersThePageShowed(final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = setUp(broker, "decisions-page-ends-it", state, 3);
        final Map<Integer, Long> pageEnds = Map.of(0, 3L);
        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(3, 2, config));

        final MarkReport marked = new LetterMarker(config, AuditLog.logger()).mark(Selection.of(UNMAPPED, false), LetterStatus.RESOLVED,
                "seen on the page", TestActors.OPERATOR, pageEnds);

        assertThat(marked.marked()).isEqualTo(3);
        final InspectionReport open = new DlqInspector(config).inspect(DeadLetterFilter.ALL, 3, (read, total) -> { });
        assertThat(open.matched()).as("the two letters that arrived after the page stay open").isEqualTo(2);
        assertThat(open.groups().get(0).samples()).extracting(InspectionReport.Sample::key).containsExactly("T-3", "T-4");
    }

    @Test
    void shouldReplayDiscardedLettersOnlyWhenAskedForApart(final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = setUp(broker, "decisions-discarded-it", state, 2);
        assertThat(Cli.run(config, List.of("dlq", "discard", "--id", "0@0")).exit).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run(config, List.of("dlq", "resolve", "--id", "0@1")).exit).isEqualTo(ExitCodes.OK);

        final Cli closed = Cli.run(config, List.of("dlq", "replay", "--include-closed"));
        assertThat(closed.out).contains("sent: 1").contains("discarded (--include-discarded sends them): 1");
        final Cli discarded = Cli.run(config, List.of("dlq", "replay", "--include-discarded"));
        assertThat(discarded.out).contains("sent: 1");
        assertThat(keys(broker.readAllCommitted(config.topics().replay()))).containsExactlyInAnyOrder("T-1", "T-0");
    }

    @Test
    void shouldRefuseAResolutionsTopicThatIsNotCompacted(final KafkaBroker broker, @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = setUp(broker, "decisions-compaction-it", state, 1);
        final ConfigResource resolutions = new ConfigResource(ConfigResource.Type.TOPIC, config.topics().resolutions());
        try (Admin admin = broker.admin()) {
            admin.incrementalAlterConfigs(Map.of(resolutions, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"), AlterConfigOp.OpType.SET)))).all().get();
            Await.until("the resolutions topic's cleanup.policy", () -> admin.describeConfigs(List.of(resolutions)).all().get()
                    .get(resolutions).get(TopicConfig.CLEANUP_POLICY_CONFIG).value(), "delete"::equals,
                    Duration.ofSeconds(30), Duration.ofMillis(200));
        }

        final Cli inspect = Cli.run(config, List.of("dlq", "inspect"));

        assertThat(inspect.exit).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        assertThat(inspect.err).contains("cleanup.policy=delete").contains("set cleanup.policy=compact");
    }

    private static Callable<Long> replayUntilNotBusy(final TicketSyncConfig config, final DeadLetterFilter filter) {
        return () -> {
            while (true) {
                try {
                    return new DlqReplayer(config, AuditLog.logger()).replay(new ReplayRequest(filter, config.topics().replay(), 3, false, 10,
                            false, false, false, "test"), TestActors.OPERATOR, (read, total) -> { }).sent();
                } catch (final WriterBusyException busy) {
                    Thread.sleep(100);
                }
            }
        };
    }

    private static io.ticketsync.deadletter.tools.ReplayReport replayAll(final TicketSyncConfig config) {
        return new DlqReplayer(config, AuditLog.logger()).replay(ReplayRequest.of(DeadLetterFilter.ALL, config.topics().replay(), 3, false, 100,
                TestActors.OPERATOR), TestActors.OPERATOR, (read, total) -> { });
    }

    private static TicketSyncConfig setUp(final KafkaBroker broker, final String name, final Path state, final int letters)
            throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, name, state, Map.of());
        broker.createTopics(config.topics());
        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(0, letters, config));
        return config;
    }

    /** The only way to empty a dead-letter topic: delete it and create it again, keeping the resolutions topic. */
    private static void recreateDeadLetterTopic(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        final String topic = config.topics().deadLetter();
        try (Admin admin = broker.admin()) {
            admin.deleteTopics(List.of(topic)).all().get();
            Await.until("the dead-letter topic deleted", () -> admin.listTopics().names().get(), names -> !names.contains(topic),
                    Duration.ofSeconds(30), Duration.ofMillis(200));
            final Collection<NewTopic> layout = TopicLayout.newTopics(config.topics(), (short) 1);
            final NewTopic again = layout.stream().filter(newTopic -> newTopic.name().equals(topic)).findFirst().orElseThrow();
            Await.until("the dead-letter topic created again", () -> {
                try {
                    admin.createTopics(List.of(again)).all().get();
                    return true;
                } catch (final Exception stillDeleting) {
                    return false;
                }
            }, created -> created, Duration.ofSeconds(30), Duration.ofMillis(500));
        }
    }

    private static List<String> keys(final List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> new String(record.key(), StandardCharsets.UTF_8)).toList();
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One command's exit code and what it printed. */
    private record Cli(int exit, String out, String err) {
        static Cli run(final TicketSyncConfig config, final List<String> command, final String... extra) {
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                    DeadLetterRecords.cli(config, command, extra));
            return new Cli(exit, out.toString(), err.toString());
        }
    }
}
