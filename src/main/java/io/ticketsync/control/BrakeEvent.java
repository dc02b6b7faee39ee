package io.ticketsync.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketsync.codec.Json;
import io.ticketsync.guard.Trip;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * One change of the dead-letter surge brake's group-wide state, as recorded (JSON value, key
 * {@link #KEY}) in the compacted control topic: engaged by an instance whose window tripped, or
 * released by an operator.
 *
 * @param by     who: the instance ({@code host/pid}) for ENGAGED, the operator for RELEASED
 * @param detail why: the trip's description, or the operator's note
 * @param hint   what to do next (engaged: how to release and what to replay)
 */
public record BrakeEvent(State state, Instant at, String by, String detail, String hint) {

    /** The one key of the control topic's brake records: compaction keeps the latest. */
    public static final String KEY = "dead-letter-brake";

    public enum State { ENGAGED, RELEASED }

    public static BrakeEvent engaged(final Trip trip, final String instance, final Instant at) {
        return new BrakeEvent(State.ENGAGED, at, instance, trip.describe(), "fix the cause, then `ticket-sync brake release"
                + " --note \"...\"`; then " + trip.replayHint() + " sends the diverted records back");
    }

    public static BrakeEvent released(final String actor, final String note, final Instant at) {
        return new BrakeEvent(State.RELEASED, at, actor, note, "");
    }

    public boolean engaged() {
        return state == State.ENGAGED;
    }

    /** E.g. "ENGAGED at 2026-12-07T10:00:00Z by host-1/4242: unmapped-status (PROCESSING): ...". */
    public String describe() {
        return state + " at " + at + " by " + by + ": " + detail + (hint.isEmpty() ? "" : " (" + hint + ")");
    }

    public byte[] toJson() {
        try {
            return Json.MAPPER.writeValueAsBytes(this);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + this, e);
        }
    }

    /** The event, or empty for a value that is not one (a tombstone, or a record someone else wrote). */
    public static Optional<BrakeEvent> fromJson(final byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            final BrakeEvent event = Json.MAPPER.readValue(value, BrakeEvent.class);
            return event.state() == null || event.at() == null ? Optional.empty() : Optional.of(event);
        } catch (final java.io.IOException e) {
            return Optional.empty();
        }
    }

    static byte[] keyBytes() {
        return KEY.getBytes(StandardCharsets.UTF_8);
    }
}
