package io.ticketsync.topology;

import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.failure.FailureKind;
import io.ticketsync.failure.UnreadableStoreValueException;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.testing.DriverHarness;
import io.ticketsync.testing.RawStoreWrites;
import io.ticketsync.testing.StoreValues;
import io.ticketsync.testing.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Store values ticket-sync did not write itself: from a newer version (a rollback), or corrupted. */
class StoredStateCompatibilityTest {

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
    void shouldApplyNextChangeOnTopOfStoredStateWhenItCarriesUnknownFields() {
        storeRaw("T-1", StoreValues.fromNewerVersion(StoreValues.stateOf("T-1", 3)));

        harness.send(patch("T-1", 4).status("in_progress"));

        final SyncedTicket ticket = harness.output().readValue();
        assertThat(ticket.version()).isEqualTo(4);
        assertThat(ticket.state()).isEqualTo("IN_PROGRESS");
        assertThat(ticket.title()).as("merged onto the stored snapshot").isEqualTo("Printer on fire");
        assertThat(ticket.assignee()).isEqualTo("alice");
        assertThat(harness.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void shouldSkipStaleChangeJudgedAgainstStoredStateWithUnknownFields() {
        storeRaw("T-1", StoreValues.fromNewerVersion(StoreValues.stateOf("T-1", 3)));

        harness.send(patch("T-1", 3).status("in_progress"));

        assertThat(harness.skippedStaleCount()).isEqualTo(1);
        assertThat(harness.output().isEmpty()).isTrue();
    }

    @Test
    void shouldFailFatallyWithoutDeadLetterWhenStoredStateCannotBeDecoded() {
        storeRaw("T-1", StoreValues.undecodable());

        final Throwable failure = catchThrowable(() -> harness.send(patch("T-1", 4).status("in_progress")));

        assertThat(FailureClassifier.of(TestConfigs.defaults()).classify(failure).kind())
                .as("the uncaught-exception policy shuts the client down").isEqualTo(FailureKind.FATAL);
        final List<Throwable> chain = causes(failure);
        assertThat(chain).filteredOn(UnreadableStoreValueException.class::isInstance).singleElement()
                .satisfies(unreadable -> assertThat(unreadable.getMessage())
                        .contains(TicketSyncTopology.STORE).contains("'T-1'").contains("newer").contains("corrupted"));
        assertThat(harness.deadLetters().isEmpty()).as("the record is not at fault").isTrue();
        assertThat(harness.output().isEmpty()).isTrue();
    }

    private void storeRaw(final String key, final byte[] value) {
        RawStoreWrites.put(harness.driver(), TicketSyncTopology.STORE, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static List<Throwable> causes(final Throwable failure) {
        final List<Throwable> chain = new ArrayList<>();
        for (Throwable current = failure; current != null && chain.size() < 32; current = current.getCause()) {
            chain.add(current);
        }
        return chain;
    }
}
