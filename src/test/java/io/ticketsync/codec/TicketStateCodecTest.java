package io.ticketsync.codec;

import io.ticketsync.failure.UnreadableStoreValueException;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;
import io.ticketsync.testing.StoreValues;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketStateCodecTest {

    private final TicketStateCodec codec = new TicketStateCodec("ticket-snapshots");
    private final JsonSerde<SyncedTicket> snapshots = new JsonSerde<>(SyncedTicket.class);
    private final JsonSerde<TicketStateCodec.StoredForm> jackson = new JsonSerde<>(TicketStateCodec.StoredForm.class);

    @Test
    void shouldAssembleExactlyTheBytesJacksonWritesSoEveryEarlierVersionReadsThem() {
        final SyncedTicket snapshot = StoreValues.stateOf("T-1", 7).snapshot();

        assertThat(codec.encode(7, snapshots.encode(snapshot)))
                .isEqualTo(jackson.encode(new TicketStateCodec.StoredForm(7, snapshot)));
        assertThat(codec.encode(8, null)).isEqualTo(jackson.encode(new TicketStateCodec.StoredForm(8, null)));
        assertThat(codec.encode(Long.MAX_VALUE, null))
                .isEqualTo(jackson.encode(new TicketStateCodec.StoredForm(Long.MAX_VALUE, null)));
    }

    @Test
    void shouldReadBackWhatItWrites() {
        final TicketState state = StoreValues.stateOf("T-1", 7);

        final TicketState read = codec.decode("T-1", codec.encode(7, snapshots.encode(state.snapshot())));

        assertThat(read.version()).isEqualTo(7);
        assertThat(read.snapshot()).isEqualTo(state.snapshot());
        assertThat(read).isEqualTo(state);
        assertThat(codec.decode("T-1", codec.encode(9, null))).isEqualTo(TicketState.deleted(9));
    }

    @Test
    void shouldReadValuesInAnyOtherJsonLayoutInFull() {
        final SyncedTicket snapshot = StoreValues.stateOf("T-1", 3).snapshot();
        final String reordered = "{\"snapshot\":" + new String(snapshots.encode(snapshot), StandardCharsets.UTF_8)
                + ",\"schemaVersion\":2,\"version\":3}";

        assertThat(codec.decode("T-1", utf8(reordered))).isEqualTo(new TicketState(3, snapshot));
        assertThat(codec.decode("T-1", utf8("{\"version\":-4,\"snapshot\":null}"))).isEqualTo(TicketState.deleted(-4));
        assertThat(codec.decode("T-1", utf8("{\"version\":9223372036854775807,\"snapshot\":null}")).version())
                .as("19 digits: past the fast path, still read").isEqualTo(Long.MAX_VALUE);
        assertThat(codec.decode("T-1", utf8("{\"version\":5,\"snapshot\":null,\"note\":\"newer\"}")).isDeleted()).isTrue();
    }

    @Test
    void shouldReadTheVersionWithoutDecodingTheSnapshotAndFailWhenTheSnapshotIsNeededButBroken() {
        final TicketState state = codec.decode("T-1", utf8("{\"version\":3,\"snapshot\":{\"id\":\"T-1\",\"version\":"));

        assertThat(state.version()).isEqualTo(3);
        assertThatThrownBy(state::snapshot).isInstanceOf(UnreadableStoreValueException.class)
                .hasMessageContaining("ticket-snapshots").hasMessageContaining("'T-1'");
    }

    @Test
    void shouldFailAtOnceWhenNotEvenTheVersionCanBeRead() {
        assertThatThrownBy(() -> codec.decode("T-2", StoreValues.undecodable()))
                .isInstanceOf(UnreadableStoreValueException.class).hasMessageContaining("'T-2'");
        assertThatThrownBy(() -> codec.decode("T-2", utf8("{\"version\":99999999999999999999,\"snapshot\":null}")))
                .as("a version that does not fit a long").isInstanceOf(UnreadableStoreValueException.class);
        assertThatThrownBy(() -> codec.decode("T-2", new byte[0])).isInstanceOf(UnreadableStoreValueException.class);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
