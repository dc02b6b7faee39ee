package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One record of a dead-letter topic's writer lease in the control topic: a claim, a renewal
 * (written in every transaction the holder commits) or a release.
 */
record LeaseRecord(Kind kind, String claim, String holder, String action, Instant at, long ttlMs) {

    enum Kind { CLAIM, RENEW, RELEASE }

    Instant expires() {
        return at.plusMillis(ttlMs);
    }

    byte[] toJson() {
        final Map<String, Object> value = new LinkedHashMap<>();
        value.put("kind", kind.name());
        value.put("claim", claim);
        value.put("holder", holder);
        value.put("action", action);
        value.put("at", at.toString());
        value.put("ttlMs", ttlMs);
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empty for a record this version cannot read: it cannot take or keep the lease. */
    static Optional<LeaseRecord> parse(final byte[] json) {
        try {
            final JsonNode value = Json.MAPPER.readTree(json);
            return Optional.of(new LeaseRecord(Kind.valueOf(value.get("kind").asText()), value.get("claim").asText(),
                    value.get("holder").asText(), value.get("action").asText(), Instant.parse(value.get("at").asText()),
                    value.get("ttlMs").asLong()));
        } catch (final IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
