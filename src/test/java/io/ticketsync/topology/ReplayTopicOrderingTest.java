package io.ticketsync.topology;

import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.testing.DriverHarness;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ticketsync.testing.Headers.text;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay topic is read beside the input into the same processor and store, so the stored
 * version orders changes across the two topics (topology.md, "Ordering across the input and
 * replay topics").
 */
class ReplayTopicOrderingTest {

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
    void shouldSkipAReplayedChangeAtOrBelowTheVersionAppliedFromTheInput() {
        harness.send(upsert("T-1", 5).title("live"));
        harness.sendReplayed(upsert("T-1", 3).title("replayed, older"));
        harness.sendReplayed(upsert("T-1", 5).title("replayed, same version"));

        assertThat(harness.output().readValuesToList()).extracting(SyncedTicket::title).containsExactly("live");
        assertThat(harness.skippedStaleCount()).isEqualTo(2);
        assertThat(harness.storedState("T-1").version()).isEqualTo(5);
        assertThat(harness.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void shouldApplyANewerReplayedChangeOntoTheStateTheInputBuilt() {
        harness.send(upsert("T-1", 1).title("live"));
        harness.sendReplayed(upsert("T-1", 2).title("replayed"));
        harness.send(upsert("T-1", 2).title("live duplicate of 2"));

        assertThat(harness.output().readValuesToList()).extracting(SyncedTicket::title).containsExactly("live", "replayed");
        assertThat(harness.appliedCount()).isEqualTo(2);
        assertThat(harness.skippedStaleCount()).isEqualTo(1);
    }

    @Test
    void shouldNameTheReplayTopicAsTheSourceOfARecordThatFailsAgain() {
        harness.sendReplayed(upsert("T-1", 1).status("no-such-status"));

        final TestRecord<byte[], byte[]> deadLetter = harness.deadLetters().readRecord();
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(TestConfigs.defaults().topics().replay());
        assertThat(text(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("unmapped-status");
        assertThat(harness.output().isEmpty()).isTrue();
    }
}
