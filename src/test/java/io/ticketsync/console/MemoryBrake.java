package io.ticketsync.console;

import io.ticketsync.control.BrakeEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The brake in memory: engaged on request, released by the console. */
final class MemoryBrake implements BrakeSwitch {
    final List<String> releasedBy = new CopyOnWriteArrayList<>();
    private volatile BrakeEvent state;

    void engage() {
        state = new BrakeEvent(BrakeEvent.State.ENGAGED, java.time.Instant.parse("2026-12-07T10:00:00Z"), "host-1/42",
                "all dead letters: 100 of the last 100 records", "release it");
    }

    @Override
    public java.util.Optional<BrakeEvent> state() {
        return java.util.Optional.ofNullable(state);
    }

    @Override
    public boolean release(final String actor, final String note) {
        if (state == null || !state.engaged()) {
            return false;
        }
        releasedBy.add(actor + ": " + note);
        state = BrakeEvent.released(actor, note, java.time.Instant.parse("2026-12-07T10:05:00Z"));
        return true;
    }
}
