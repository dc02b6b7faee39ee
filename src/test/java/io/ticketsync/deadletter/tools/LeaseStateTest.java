package io.ticketsync.deadletter.tools;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseStateTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final long TTL = 60_000;

    @Test
    void shouldGiveTheLeaseToTheFirstClaimAndIgnoreAClaimWhileItIsHeld() {
        final LeaseState state = new LeaseState();
        state.apply(claim("a", T0));
        state.apply(claim("b", T0.plusSeconds(1)));

        assertThat(state.heldBy("a")).isTrue();
        assertThat(state.heldBy("b")).isFalse();
        assertThat(state.holder(T0.plusSeconds(2))).hasValueSatisfying(holder -> assertThat(holder.holder()).isEqualTo("user-a"));
    }

    @Test
    void shouldLetAClaimTakeAnExpiredLeaseButNotOneTheHolderRenewed() {
        final LeaseState renewed = new LeaseState();
        renewed.apply(claim("a", T0));
        renewed.apply(record(LeaseRecord.Kind.RENEW, "a", T0.plusSeconds(50)));
        renewed.apply(claim("b", T0.plusSeconds(70)));
        assertThat(renewed.heldBy("a")).as("renewed at 50 s, good until 110 s").isTrue();

        final LeaseState expired = new LeaseState();
        expired.apply(claim("a", T0));
        expired.apply(claim("b", T0.plusSeconds(61)));
        assertThat(expired.heldBy("b")).isTrue();
    }

    @Test
    void shouldCountRenewalsAndReleasesOnlyFromTheHolder() {
        final LeaseState state = new LeaseState();
        state.apply(claim("a", T0));
        state.apply(record(LeaseRecord.Kind.RELEASE, "b", T0.plusSeconds(1)));
        assertThat(state.heldBy("a")).isTrue();

        state.apply(record(LeaseRecord.Kind.RELEASE, "a", T0.plusSeconds(2)));
        assertThat(state.holder(T0.plusSeconds(3))).isEmpty();
        state.apply(claim("b", T0.plusSeconds(3)));
        assertThat(state.heldBy("b")).isTrue();
    }

    @Test
    void shouldRoundTripARecordAndRefuseOneItCannotRead() {
        final LeaseRecord record = claim("a", T0);
        assertThat(LeaseRecord.parse(record.toJson())).contains(record);
        assertThat(LeaseRecord.parse("{\"kind\":\"STEAL\"}".getBytes())).isEmpty();
    }

    private static LeaseRecord claim(final String claim, final Instant at) {
        return record(LeaseRecord.Kind.CLAIM, claim, at);
    }

    private static LeaseRecord record(final LeaseRecord.Kind kind, final String claim, final Instant at) {
        return new LeaseRecord(kind, claim, "user-" + claim, "replay", at, TTL);
    }
}
