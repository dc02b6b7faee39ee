package io.ticketsync.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketsync.codec.Json;
import io.ticketsync.guard.Trip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A running application's word that replays into its replay topic must stop: its window of
 * replayed records' outcomes tripped (most of them were dead-lettered again). Recorded in the
 * control topic under {@link #key(String)}, one key per dead-letter topic; a replay of that
 * topic's letters that sees one written after it started stops between batches. The live stream
 * is not paused by it.
 *
 * @param at           when the window tripped
 * @param by           the instance ({@code host/pid}) whose window tripped
 * @param deadLettered dead letters among the last {@code window} replayed records
 * @param window       replayed records judged (stale ones apart)
 * @param mostly       the reason with the largest share, e.g. {@code unmapped-status}
 * @param shares       every stage/reason in the window with its count, largest first
 * @param reason       the one line a stopped replay reports
 */
public record ReplayHalt(Instant at, String by, int deadLettered, int window, String mostly, String shares,
                         String reason) {

    /** The key prefix; the dead-letter topic follows it. */
    public static final String KEY_PREFIX = "replay-halt/";

    public static ReplayHalt of(final Trip trip, final String instance, final Instant at) {
        return new ReplayHalt(at, instance, trip.deadLetters(), trip.window(), trip.mostly().code(), trip.shares(),
                trip.deadLetters() + " of the last " + trip.window() + " replayed records were dead-lettered again, mostly "
                        + trip.mostly().code());
    }

    public static String key(final String deadLetterTopic) {
        return KEY_PREFIX + deadLetterTopic;
    }

    static byte[] keyBytes(final String deadLetterTopic) {
        return key(deadLetterTopic).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        try {
            return Json.MAPPER.writeValueAsBytes(this);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + this, e);
        }
    }

    /** The halt, or empty for a value that is not one. */
    public static Optional<ReplayHalt> fromJson(final byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            final ReplayHalt halt = Json.MAPPER.readValue(value, ReplayHalt.class);
            return halt.at() == null || halt.reason() == null ? Optional.empty() : Optional.of(halt);
        } catch (final IOException e) {
            return Optional.empty();
        }
    }
}
