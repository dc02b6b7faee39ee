package io.ticketsync.topology;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.codec.JsonSerde;
import io.ticketsync.codec.RecordSizes;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;
import io.ticketsync.testing.DriverHarness;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ticketsync.testing.Headers.text;
import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code output.max.record.bytes} bounds every record a change writes, measured whole: a change
 * over it is dead-lettered before anything is emitted or stored, so the ticket's state stays at the
 * last state that can be written.
 */
class RecordSizeLimitTest {

    /** Room for a ticket with two 400-character fields, not three. */
    private static final int LIMIT = 1300;

    private final List<DriverHarness> harnesses = new ArrayList<>();

    @AfterEach
    void closeDrivers() {
        harnesses.forEach(DriverHarness::close);
    }

    @Test
    void shouldDeadLetterAtProcessingWhenCopiedInputHeadersPushOutputOverLimit() {
        final DriverHarness harness = harness(LIMIT);
        final byte[] value = upsert("T-1", 1).bytes();

        harness.sendRaw(utf8("T-1"), value, headerOfSize(LIMIT));
        harness.send(upsert("T-1", 1));

        final TestRecord<byte[], byte[]> deadLetter = onlyDeadLetter(harness);
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(deadLetter.headers().lastHeader("baggage")).as("the original headers travel along").isNotNull();
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.MESSAGE)).contains("output record");
        assertThat(harness.output().readValuesToList()).as("version 1 was not consumed by the refused change")
                .extracting(SyncedTicket::version).containsExactly(1L);
        assertThat(harness.appliedCount()).isEqualTo(1);
    }

    @Test
    void shouldKeepLastWritableStateWhenSnapshotGrowsOverLimitAcrossChanges() {
        final DriverHarness harness = harness(LIMIT);
        final TicketChangeBuilder grows = patch("T-1", 3).requester("r".repeat(400));

        harness.send(upsert("T-1", 1).title("t".repeat(400)));
        harness.send(patch("T-1", 2).assignee("a".repeat(400)));
        harness.send(grows);
        assertThat(harness.storedState("T-1").version()).as("the store did not advance").isEqualTo(2);
        harness.send(patch("T-1", 4).status("in_progress"));

        assertThat(onlyDeadLetter(harness).value()).isEqualTo(grows.bytes());
        final List<SyncedTicket> output = harness.output().readValuesToList();
        assertThat(output).extracting(SyncedTicket::version).containsExactly(1L, 2L, 4L);
        assertThat(output.get(2)).as("merged onto the last good state").satisfies(ticket -> {
            assertThat(ticket.state()).isEqualTo("IN_PROGRESS");
            assertThat(ticket.assignee()).isEqualTo("a".repeat(400));
            assertThat(ticket.requester()).isNull();
        });
        assertThat(harness.appliedCount()).isEqualTo(3);
    }

    @Test
    void shouldApplyDeadLetteredChangeWhenReplayedAfterLimitIsRaised() {
        final DriverHarness before = harness(LIMIT);
        before.send(upsert("T-1", 1).title("t".repeat(400)));
        before.send(patch("T-1", 2).assignee("a".repeat(400)));
        before.send(patch("T-1", 3).requester("r".repeat(400)));
        final TestRecord<byte[], byte[]> deadLetter = onlyDeadLetter(before);

        // A restart with a higher limit and the same state, then the replay.
        final DriverHarness after = harness(1_000_000);
        after.snapshots().put("T-1", before.snapshots().get("T-1"));
        after.sendRaw(deadLetter.key(), deadLetter.value(), null);

        final SyncedTicket replayed = after.output().readValue();
        assertThat(replayed.version()).isEqualTo(3);
        assertThat(replayed.assignee()).isEqualTo("a".repeat(400));
        assertThat(replayed.requester()).isEqualTo("r".repeat(400));
        assertThat(after.skippedStaleCount()).isZero();
    }

    @Test
    void shouldDeadLetterWhenOnlyTheStoredStateWouldExceedLimit() {
        final TicketChangeBuilder change = upsert("T-1", 1).title("t".repeat(400));
        final DriverHarness unlimited = harness(1_000_000);
        unlimited.send(change);
        final byte[] output = unlimited.driver().createOutputTopic("tickets.synced",
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readValue();
        final byte[] stored = unlimited.snapshots().get("T-1");
        // The stored state wraps the snapshot, so it is the larger of the two records.
        final int limit = RecordSizes.estimate(utf8("T-1"), stored, (Headers) null) - 1;
        assertThat(RecordSizes.estimate(utf8("T-1"), output, (Headers) null)).isLessThanOrEqualTo(limit);
        final DriverHarness harness = harness(limit);

        harness.send(change);

        assertThat(text(onlyDeadLetter(harness).headers(), DeadLetterHeaders.MESSAGE)).contains("stored state");
        assertThat(harness.output().isEmpty()).isTrue();
        assertThat(harness.snapshots().get("T-1")).isNull();
    }

    private DriverHarness harness(final int limit) {
        final TicketSyncConfig config = TestConfigs.with(
                Map.of(ConfigKeys.OUTPUT_MAX_RECORD_BYTES, String.valueOf(limit)));
        final DriverHarness harness = DriverHarness.of(config);
        harnesses.add(harness);
        return harness;
    }

    private static TestRecord<byte[], byte[]> onlyDeadLetter(final DriverHarness harness) {
        assertThat(harness.deadLetters().getQueueSize()).as("dead letters").isEqualTo(1);
        final TestRecord<byte[], byte[]> deadLetter = harness.deadLetters().readRecord();
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.STAGE)).isEqualTo("PROCESSING");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("record-too-large");
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.PROCESSOR_NODE)).isEqualTo(TicketSyncTopology.PROCESSOR);
        return deadLetter;
    }

    private static Headers headerOfSize(final int bytes) {
        return new RecordHeaders().add("baggage", new byte[bytes]);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
