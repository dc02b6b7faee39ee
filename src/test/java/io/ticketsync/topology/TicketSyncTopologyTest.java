package io.ticketsync.topology;

import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;
import io.ticketsync.testing.DriverHarness;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.ticketsync.testing.Headers.text;
import static io.ticketsync.testing.TicketChangeBuilder.delete;
import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/** The happy path and the stale/delete rules, through the production topology and configuration. */
class TicketSyncTopologyTest {

    private DriverHarness harness;

    @BeforeEach
    void startDriver() {
        harness = DriverHarness.of(TestConfigs.defaults());
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void shouldWriteFullMappedSnapshotWhenFirstUpsertIsValid() {
        harness.send("T-1", upsert("T-1", 1).assignee("alice").requester("bob@example.com").tags("hardware"));

        final TestRecord<String, SyncedTicket> record = harness.output().readRecord();
        assertThat(record.key()).isEqualTo("T-1");
        assertThat(record.value()).isEqualTo(new SyncedTicket("T-1", 1, "Printer on fire", "OPEN", "HIGH",
                "alice", "bob@example.com", List.of("hardware"), TicketChangeBuilder.BASE_TIME.plusSeconds(1)));
        assertThat(record.timestamp()).isEqualTo(DriverHarness.START.toEpochMilli());
        assertThat(harness.output().isEmpty()).isTrue();
        assertThat(harness.deadLetters().isEmpty()).isTrue();
        assertThat(harness.appliedCount()).isEqualTo(1);
    }

    @Test
    void shouldWriteOutputInCanonicalJsonFieldOrder() {
        harness.send("T-1", upsert("T-1", 1));
        final var raw = harness.driver().createOutputTopic("tickets.synced",
                new StringDeserializer(), new StringDeserializer());

        assertThat(raw.readValue()).isEqualTo("{\"id\":\"T-1\",\"version\":1,\"title\":\"Printer on fire\","
                + "\"state\":\"OPEN\",\"priority\":\"HIGH\",\"assignee\":null,\"requester\":null,\"tags\":[],"
                + "\"updatedAt\":\"2026-11-22T10:00:01Z\"}");
    }

    @Test
    void shouldMergePartialUpdateIntoStoredSnapshot() {
        harness.send("T-1", upsert("T-1", 1).assignee("alice").tags("hardware"));
        harness.send("T-1", patch("T-1", 2).status("in_progress"));

        final List<SyncedTicket> values = harness.output().readValuesToList();
        assertThat(values).hasSize(2);
        assertThat(values.get(1)).isEqualTo(new SyncedTicket("T-1", 2, "Printer on fire", "IN_PROGRESS", "HIGH",
                "alice", null, List.of("hardware"), TicketChangeBuilder.BASE_TIME.plusSeconds(2)));
    }

    @Test
    void shouldClearOptionalFieldsWhenChangeSetsThemNull() {
        harness.send("T-1", upsert("T-1", 1).assignee("alice").tags("a", "b"));
        harness.send("T-1", patch("T-1", 2).setField("assignee", null).setField("priority", null).setField("tags", null));

        final SyncedTicket latest = harness.output().readValuesToList().get(1);
        assertThat(latest.assignee()).isNull();
        assertThat(latest.priority()).isNull();
        assertThat(latest.tags()).isEmpty();
        assertThat(latest.title()).isEqualTo("Printer on fire");
    }

    @Test
    void shouldMatchMappingSourceValuesCaseInsensitively() {
        harness.send("T-1", upsert("T-1", 1).status("Open").priority("URGENT"));

        final SyncedTicket ticket = harness.output().readValue();
        assertThat(ticket.state()).isEqualTo("OPEN");
        assertThat(ticket.priority()).isEqualTo("CRITICAL");
    }

    @Test
    void shouldSkipAndCountWhenVersionIsDuplicateOrOlder() {
        harness.send("T-1", upsert("T-1", 5));
        harness.send("T-1", upsert("T-1", 5).title("duplicate"));
        harness.send("T-1", upsert("T-1", 3).title("older"));

        assertThat(harness.output().readValuesToList()).extracting(SyncedTicket::version).containsExactly(5L);
        assertThat(harness.deadLetters().isEmpty()).isTrue();
        assertThat(harness.skippedStaleCount()).isEqualTo(2);
        assertThat(harness.appliedCount()).isEqualTo(1);
    }

    @Test
    void shouldSkipStaleChangeEvenWhenItWouldFailMapping() {
        harness.send("T-1", upsert("T-1", 5));
        harness.send("T-1", upsert("T-1", 4).status("no-such-status"));

        assertThat(harness.deadLetters().isEmpty()).isTrue();
        assertThat(harness.skippedStaleCount()).isEqualTo(1);
    }

    @Test
    void shouldWriteTombstoneAndRememberVersionWhenTicketIsDeleted() {
        harness.send("T-1", upsert("T-1", 1));
        harness.send("T-1", delete("T-1", 2));
        harness.send("T-1", upsert("T-1", 1).title("late duplicate"));

        final List<KeyValue<String, SyncedTicket>> records = harness.output().readKeyValuesToList();
        assertThat(records).hasSize(2);
        assertThat(records.get(1)).isEqualTo(KeyValue.pair("T-1", null));
        assertThat(harness.skippedStaleCount()).isEqualTo(1);

        assertThat(harness.storedState("T-1")).isEqualTo(TicketState.deleted(2));
    }

    @Test
    void shouldRecreateTicketAfterDeleteOnlyFromFullUpsert() {
        harness.send("T-1", upsert("T-1", 1).assignee("alice"));
        harness.send("T-1", delete("T-1", 2));
        harness.send("T-1", patch("T-1", 3).assignee("bob"));
        harness.send("T-1", upsert("T-1", 4).title("Reopened"));

        final List<SyncedTicket> values = harness.output().readValuesToList();
        assertThat(values).hasSize(3);
        assertThat(values.get(2).title()).isEqualTo("Reopened");
        assertThat(values.get(2).assignee()).as("the deleted snapshot is gone, not merged").isNull();
        assertThat(text(harness.deadLetters().readRecord().headers(), DeadLetterHeaders.REASON))
                .isEqualTo("missing-initial-fields");
    }

    @Test
    void shouldKeepProcessingAfterBadRecords() {
        harness.send("T-1", "not json".getBytes(StandardCharsets.UTF_8));
        harness.send("T-2", upsert("T-1", 1));
        harness.send("T-3", upsert("T-3", 1));

        assertThat(harness.deadLetters().readRecordsToList()).extracting(r -> text(r.headers(), DeadLetterHeaders.REASON)).containsExactly("invalid-json", "key-mismatch");
        assertThat(harness.output().readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("T-3");
    }

    @Test
    void shouldCarryInputHeadersToOutput() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        harness.sendRaw("T-1".getBytes(StandardCharsets.UTF_8), upsert("T-1", 1).bytes(), headers);

        assertThat(text(harness.output().readRecord().headers(), "traceparent")).isEqualTo("00-abc-def-01");
    }

    @Test
    void shouldProduceEqualRecordsWhenTheSameChangesAreReplayed() {
        final List<TicketChangeBuilder> changes = List.of(
                upsert("T-1", 1), patch("T-1", 2).status("resolved"), upsert("T-2", 7).tags("x"), delete("T-1", 3));
        final List<TestRecord<String, SyncedTicket>> first = run(changes);
        final List<TestRecord<String, SyncedTicket>> second = run(changes);

        assertThat(first).hasSize(4);
        assertThat(second).usingRecursiveFieldByFieldElementComparator().isEqualTo(first);
    }

    @Test
    void shouldUseChangeTimeNotClockForUpdatedAt() {
        harness.driver().advanceWallClockTime(Duration.ofDays(3));
        harness.send("T-1", upsert("T-1", 1).changedAt(Instant.parse("2020-01-01T00:00:00+02:00")));

        assertThat(harness.output().readValue().updatedAt()).isEqualTo(Instant.parse("2019-12-31T22:00:00Z"));
    }

    private static List<TestRecord<String, SyncedTicket>> run(final List<TicketChangeBuilder> changes) {
        try (DriverHarness replay = new DriverHarness(TicketSyncTopology.build(TestConfigs.defaults()),
                TestConfigs.with(Map.of()))) {
            changes.forEach(replay::send);
            return replay.output().readRecordsToList();
        }
    }
}
