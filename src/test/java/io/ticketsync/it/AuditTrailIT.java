package io.ticketsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.cli.Main;
import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.BrakeEvent;
import io.ticketsync.control.ControlTopic;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.DeadLetterRecords;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail on a real broker, through the CLI's entry point: actions land in the audit topic
 * naming the OS user at the host or the self-asserted {@code --actor}, {@code audit} reads them back
 * filtered, and an action whose record the broker will not take is not done.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class AuditTrailIT {

    private final String userName = System.getProperty("user.name");

    @AfterEach
    void restoreUserName() {
        System.setProperty("user.name", userName);
    }

    @Test
    void shouldRecordWhoResolvedAndReleasedAndShowItBackFilteredByWho(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = fresh(broker, "audit-trail-it", state);
        System.setProperty("user.name", "olga");
        final String olga = "olga@" + InetAddress.getLocalHost().getHostName();

        final Result resolved = cli(config, List.of("dlq", "resolve", "--id", "0@0", "--note", "checked"));
        assertThat(resolved.exit()).as(resolved.err()).isEqualTo(ExitCodes.OK);
        new ControlTopic(config).write(new BrakeEvent(BrakeEvent.State.ENGAGED, Instant.now(), "host-1/42", "a test trip", ""),
                Duration.ofSeconds(10));
        final Result released = cli(config, List.of("brake", "release", "--note", "mapping fixed"));
        assertThat(released.exit()).as(released.err()).isEqualTo(ExitCodes.OK);
        final Result alices = cli(config, List.of("dlq", "discard", "--id", "0@1", "--actor", "alice"));
        assertThat(alices.exit()).as(alices.err()).isEqualTo(ExitCodes.OK);

        final List<JsonNode> trail = trail(broker, config);
        assertThat(trail).extracting(event -> event.get("action").asText() + ":" + event.get("outcome").asText()
                        + ":" + event.get("actor").asText() + ":" + event.get("actorSource").asText())
                .containsExactly("resolved:started:" + olga + ":os", "resolved:done:" + olga + ":os",
                        "brake-release:started:" + olga + ":os", "brake-release:released:" + olga + ":os",
                        "discarded:started:alice:self-asserted", "discarded:done:alice:self-asserted");
        assertThat(trail.get(1).get("letters").asLong()).isEqualTo(1);
        assertThat(trail.get(1).get("selection").asText()).contains("0@0");
        assertThat(trail.get(1).get("note").asText()).isEqualTo("checked");
        final List<ConsumerRecord<byte[], byte[]>> records = broker.readAllCommitted(config.topics().audit());
        assertThat(new String(records.get(5).key(), StandardCharsets.UTF_8)).as("keyed by the actor").isEqualTo("alice");
        assertThat(decisionActors(broker, config)).as("decisions mark a self-asserted name")
                .containsExactlyInAnyOrder(olga, "alice (self-asserted)");

        final Result hers = cli(config, List.of("audit", "--who", "ALICE"));
        assertThat(hers.exit()).as(hers.err()).isEqualTo(ExitCodes.OK);
        assertThat(hers.out().lines().toList()).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("  alice  self-asserted  ").contains("  discarded  "));
        assertThat(hers.err()).contains("2 of 6 audit events shown").doesNotContain("WARNING");
        final Result releases = cli(config, List.of("audit", "--action", "brake-release", "--outcome", "released", "--json"));
        assertThat(releases.out().lines().map(AuditTrailIT::json).toList()).singleElement()
                .satisfies(event -> assertThat(event.get("note").asText()).isEqualTo("mapping fixed"));
    }

    @Test
    void shouldRefuseAnActionWhoseRecordTheBrokerWillNotTakeAndDoNothing(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final TicketSyncConfig config = fresh(broker, "audit-refused-it", state);
        // Records smaller than any event: every write is refused, while the topic exists and the ACLs allow it.
        final ConfigResource audit = new ConfigResource(ConfigResource.Type.TOPIC, config.topics().audit());
        try (Admin admin = broker.admin()) {
            admin.incrementalAlterConfigs(Map.of(audit, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64"), AlterConfigOp.OpType.SET)))).all().get();
            Await.until("the audit topic's max.message.bytes", () -> admin.describeConfigs(List.of(audit)).all().get()
                    .get(audit).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value(), "64"::equals,
                    Duration.ofSeconds(30), Duration.ofMillis(200));
        }

        final long started = System.nanoTime();
        final Result refused = cli(config, List.of("dlq", "resolve", "--all", "--actor", "alice"));

        assertThat(refused.exit()).as(refused.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err().strip().lines()).as("one line").singleElement().satisfies(line ->
                assertThat(line).contains("audit trail could not record resolved").contains(config.topics().audit())
                        .contains("so it was not done"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded, not hanging").isLessThan(Duration.ofSeconds(60));
        assertThat(broker.readAllCommitted(config.topics().resolutions())).as("nothing resolved").isEmpty();
    }

    @Test
    void shouldRefuseAnActionWhenTheAuditTopicIsMissingBeforeItReadsAnything(final KafkaBroker broker,
                                                                             @TempDir final Path state) throws Exception {
        final TicketSyncConfig config = fresh(broker, "audit-missing-it", state);
        try (Admin admin = broker.admin()) {
            admin.deleteTopics(List.of(config.topics().audit())).all().get();
        }

        final Result refused = cli(config, List.of("dlq", "resolve", "--all", "--set", "startup.timeout.ms=5000"));

        // The startup check knows the audited commands' topics: a missing one is exit 4, naming it.
        assertThat(refused.exit()).as(refused.err()).isEqualTo(ExitCodes.STARTUP_CHECK_FAILED);
        assertThat(refused.err()).contains(config.topics().audit());
        assertThat(broker.readAllCommitted(config.topics().resolutions())).as("nothing resolved").isEmpty();
    }

    private static TicketSyncConfig fresh(final KafkaBroker broker, final String name, final Path state) throws Exception {
        final TicketSyncConfig config = TestConfigs.forBroker(broker, name, state, Map.of());
        broker.createTopics(config.topics());
        broker.produce(config.topics().deadLetter(), DeadLetterRecords.unmapped(1, 2, config));
        return config;
    }

    private static List<JsonNode> trail(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        return broker.readAllCommitted(config.topics().audit()).stream()
                .map(record -> json(new String(record.value(), StandardCharsets.UTF_8))).toList();
    }

    private static List<String> decisionActors(final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        return broker.readAllCommitted(config.topics().resolutions()).stream()
                .map(record -> json(new String(record.value(), StandardCharsets.UTF_8)))
                .filter(decision -> decision.has("actor")).map(decision -> decision.get("actor").asText()).toList();
    }

    private static JsonNode json(final String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (final Exception e) {
            throw new AssertionError(text, e);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result cli(final TicketSyncConfig config, final List<String> command) {
        final List<String> args = new ArrayList<>(List.of(DeadLetterRecords.cli(config, command)));
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
