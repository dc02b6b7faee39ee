package io.ticketsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.cli.Main;
import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.TransformRules;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.DeadLetterRecords;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.LocalChangeCheck;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestActors;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk transform on a real broker: 10,000 letters whose status the target system does not know,
 * a rule that maps it, a dry run with a plan, and the plan's confirmation through the CLI. The dry
 * run's {@link io.ticketsync.deadletter.tools.ChangeCheck} runs the topology's rules in this JVM
 * ({@link LocalChangeCheck}), standing in for a running instance's preview endpoint.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class BulkTransformIT {

    private static final int LETTERS = 10_000;
    private static final DeadLetterFilter UNMAPPED = new DeadLetterFilter(null, "unmapped-status", null, null, null, null,
            null, null);

    @Test
    void sendsExactlyThePreviewedLettersEachAppliedOnce(final KafkaBroker broker, @TempDir final Path dir) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "bulk-transform-it", dir.resolve("state"), Map.of());
        broker.createTopics(config.topics());
        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(1, LETTERS, config));
        final Path rulesFile = Files.writeString(dir.resolve("rules.yaml"), "# the source's 'escalated' is our 'open'\n"
                + "fields.status: escalated -> open\n");
        final TransformRules rules = TransformRules.parse(Files.readString(rulesFile));
        final String target = config.topics().replay();

        final ReplayReport preview = new DlqReplayer(config, AuditLog.logger(), new LocalChangeCheck(config))
                .replay(ReplayRequest.of(UNMAPPED, target, 3, true, 500, TestActors.OPERATOR).with(rules, 0),
                        TestActors.OPERATOR, (read, total) -> { });
        assertThat(preview.sent()).isEqualTo(LETTERS);
        assertThat(preview.transform().applies()).as("every transformed letter would apply").isEqualTo(LETTERS);
        assertThat(preview.transform().stale() + preview.transform().failingTotal() + preview.transform().notTransformable()
                + preview.transform().unchanged()).isZero();
        assertThat(preview.transform().samples().get(0).changes()).containsExactly("fields.status: \"escalated\" -> \"open\"");
        final Path plan = dir.resolve("plan.json");
        preview.plan().write(plan);
        assertThat(broker.readAllCommitted(target)).as("a dry run sends nothing").isEmpty();

        // Dead-lettered after the preview: not in the plan, so not sent.
        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(LETTERS + 1, 1, config));

        final StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                DeadLetterRecords.cli(config, List.of("dlq", "replay"), "--execute-plan", plan.toString(), "--rate", "4000/s",
                        "--actor", "it")))
                .as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("sent: " + LETTERS).contains("transform rules " + rules.hash());

        final List<ConsumerRecord<byte[], byte[]>> sent = broker.readAllCommitted(target);
        assertThat(sent).hasSize(LETTERS);
        assertThat(sent).allSatisfy(record -> {
            assertThat(new String(record.headers().lastHeader(TransformRules.HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo(rules.hash());
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"status\":\"open\"");
        });
        assertThat(sent).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .doesNotHaveDuplicates().doesNotContain("T-" + (LETTERS + 1));

        // Confirming the same plan again sends nothing: each letter is recorded REPLAYED with its send.
        final StringWriter again = new StringWriter();
        Main.run(new PrintWriter(again, true), new PrintWriter(new StringWriter(), true),
                DeadLetterRecords.cli(config, List.of("dlq", "replay"), "--execute-plan", plan.toString(), "--actor", "it"));
        assertThat(again.toString()).contains("sent: 0");
        assertThat(broker.readAllCommitted(target)).hasSize(LETTERS);

        try (RunningApp app = RunningApp.start(config, TicketSyncTopology.build(config))) {
            final List<ConsumerRecord<byte[], byte[]>> output = broker.readCommittedUntil(config.topics().output(),
                    records -> records.size() >= LETTERS, Duration.ofSeconds(120));
            final Map<String, Integer> perTicket = new HashMap<>();
            for (final ConsumerRecord<byte[], byte[]> record : output) {
                final JsonNode snapshot = Json.MAPPER.readTree(record.value());
                assertThat(snapshot.get("version").asLong()).isEqualTo(1);
                assertThat(snapshot.get("state").asText()).isEqualTo("OPEN");
                perTicket.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
            assertThat(perTicket).hasSize(LETTERS).doesNotContainKey("T-" + (LETTERS + 1));
            assertThat(perTicket.values()).as("each ticket applied once").containsOnly(1);
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
    }
}
