package io.ticketsync.topology;

import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;
import io.ticketsync.testing.StoreValues;
import io.ticketsync.testing.TicketChangeBuilder;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static io.ticketsync.testing.TicketChangeBuilder.patch;
import static io.ticketsync.testing.TicketChangeBuilder.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/** The stored snapshot is decoded only when a change needs some of its fields. */
class TicketApplierTest {

    private final TicketSyncConfig config = TestConfigs.defaults();
    private final TicketApplier applier = new TicketApplier(config.statusMapping(), config.priorityMapping());
    private final AtomicInteger decodes = new AtomicInteger();

    @Test
    void shouldApplyAChangeCarryingEveryFieldWithoutDecodingTheStoredSnapshot() {
        final TicketState next = applier.apply("T-1", storedAt(3),
                change(upsert("T-1", 4).assignee("bob").requester("carol").tags("network"))).orElseThrow();

        assertThat(decodes).hasValue(0);
        assertThat(next.snapshot().assignee()).isEqualTo("bob");
        assertThat(next.snapshot().title()).isEqualTo("Printer on fire");
    }

    @Test
    void shouldSkipAStaleChangeWithoutDecodingTheStoredSnapshot() {
        assertThat(applier.apply("T-1", storedAt(3), change(patch("T-1", 3).status("closed")))).isEmpty();
        assertThat(decodes).hasValue(0);
    }

    @Test
    void shouldMergeAPartialChangeOntoTheDecodedSnapshot() {
        final SyncedTicket merged = applier.apply("T-1", storedAt(3), change(patch("T-1", 4).status("closed")))
                .orElseThrow().snapshot();

        assertThat(decodes).hasValue(1);
        assertThat(merged.state()).isEqualTo("CLOSED");
        assertThat(merged.assignee()).as("kept from the stored snapshot").isEqualTo("alice");
        assertThat(merged.tags()).containsExactly("hardware");
    }

    /** T-1 stored at {@code version}, counting how often its snapshot is decoded. */
    private TicketState storedAt(final long version) {
        final SyncedTicket snapshot = StoreValues.stateOf("T-1", version).snapshot();
        return TicketState.decodedOnDemand(version, () -> {
            decodes.incrementAndGet();
            return snapshot;
        });
    }

    private static TicketChange change(final TicketChangeBuilder builder) {
        return new TicketChangeDecoder().decode(builder.bytes());
    }
}
