package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketsync.codec.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of the resolutions topic. A decision is keyed {@code <dlq topic id>/<partition>@<offset>}
 * and carries the letter's {@link LetterFingerprint}: it applies only to that topic (not to one
 * deleted and recreated under the same name) and only to the letter it was made about. Keys
 * written before decisions were bound ({@code <partition>@<offset>}) are legacy: adopted once by
 * {@link DecisionAdoption}, ignored after. Keys under {@code lease/} and {@code adopted/} are the
 * writers' own bookkeeping.
 */
public final class ResolutionCodec {

    static final String LEASE_PREFIX = "lease/";
    static final String ADOPTED_PREFIX = "adopted/";

    private ResolutionCodec() {
    }

    /** The record of one decision about the letter with {@code fingerprint} in the DLQ topic {@code dlqTopicId}. */
    public static ProducerRecord<byte[], byte[]> record(final String resolutionsTopic, final String dlqTopicId,
                                                        final long fingerprint, final Resolution resolution) {
        final ObjectNode value = Json.MAPPER.createObjectNode();
        value.put("letter", resolution.letter().toString());
        value.put("dlqTopicId", dlqTopicId);
        value.put("fingerprint", LetterFingerprint.text(fingerprint));
        value.put("status", resolution.status().name());
        value.put("actor", resolution.actor());
        value.put("at", resolution.at().toString());
        value.put("selection", resolution.selection());
        value.put("note", resolution.note());
        if (!resolution.edit().isEmpty()) {
            final com.fasterxml.jackson.databind.node.ArrayNode edit = value.putArray("edit");
            resolution.edit().forEach(edit::add);
        }
        try {
            return new ProducerRecord<>(resolutionsTopic, key(dlqTopicId, resolution.letter()), Json.MAPPER.writeValueAsBytes(value));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot encode " + resolution, e);
        }
    }

    /** A tombstone: the letter is open again. */
    public static ProducerRecord<byte[], byte[]> reopen(final String resolutionsTopic, final String dlqTopicId, final LetterId letter) {
        return new ProducerRecord<>(resolutionsTopic, key(dlqTopicId, letter), null);
    }

    /** What the record says about the dead-letter topic whose id is {@code dlqTopicId}. */
    public static DecisionRecord read(final ConsumerRecord<byte[], byte[]> record, final String dlqTopicId) {
        final String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        final String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (key.startsWith(LEASE_PREFIX) || key.startsWith(ADOPTED_PREFIX)) {
            return new DecisionRecord.Bookkeeping(key);
        }
        final int slash = key.indexOf('/');
        final LetterId letter;
        try {
            letter = LetterId.parse(key.substring(slash + 1));
        } catch (final IllegalArgumentException e) {
            return new DecisionRecord.Invalid(where, "the key '" + printable(key) + "' names no letter");
        }
        if (slash < 0 || !key.substring(0, slash).equals(dlqTopicId)) {
            return new DecisionRecord.Foreign(letter, slash < 0);
        }
        if (record.value() == null) {
            return new DecisionRecord.Reopened(letter);
        }
        try {
            final JsonNode value = Json.MAPPER.readTree(record.value());
            if (!letter.toString().equals(text(value, "letter"))) {
                return new DecisionRecord.Invalid(where, "its value names letter '" + printable(text(value, "letter"))
                        + "', its key " + letter);
            }
            return new DecisionRecord.Decided(letter, LetterFingerprint.parse(text(value, "fingerprint")),
                    resolution(letter, value));
        } catch (final IOException | IllegalArgumentException | DateTimeParseException e) {
            return new DecisionRecord.Invalid(where, printable(e.getMessage()));
        }
    }

    /** A decision written before decisions were bound to their letter, for {@link DecisionAdoption}. */
    static Optional<Resolution> legacy(final ConsumerRecord<byte[], byte[]> record) {
        try {
            final LetterId letter = LetterId.parse(new String(record.key(), StandardCharsets.UTF_8));
            return record.value() == null ? Optional.empty() : Optional.of(resolution(letter, Json.MAPPER.readTree(record.value())));
        } catch (final IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static byte[] key(final String dlqTopicId, final LetterId letter) {
        return (dlqTopicId + "/" + letter).getBytes(StandardCharsets.UTF_8);
    }

    private static Resolution resolution(final LetterId letter, final JsonNode value) {
        final String status = text(value, "status");
        if (status == null) {
            throw new IllegalArgumentException("it has no status");
        }
        final LetterStatus parsed;
        try {
            parsed = LetterStatus.valueOf(status);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status '" + printable(status) + "'", e);
        }
        final String at = text(value, "at");
        // Records written before edits have no "edit": an empty one.
        final List<String> edit = new ArrayList<>();
        value.path("edit").forEach(line -> edit.add(line.asText()));
        return new Resolution(letter, parsed, orEmpty(text(value, "actor")), at == null ? Instant.EPOCH : Instant.parse(at),
                orEmpty(text(value, "selection")), orEmpty(text(value, "note")), edit);
    }

    private static String text(final JsonNode value, final String field) {
        final JsonNode node = value == null ? null : value.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }

    private static String orEmpty(final String text) {
        return text == null ? "" : text;
    }

    /** At most 100 printable ASCII characters of untrusted text, for a message or a page. */
    private static String printable(final String text) {
        if (text == null) {
            return "null";
        }
        final String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }
}
