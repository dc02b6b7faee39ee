package io.ticketsync.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads sample input records from JSON Lines. Each line is one record:
 * {@code {"key":"T-1","value":{...}}} (the value as JSON), {@code {"key":"T-1","raw":"text"}} (the
 * value as raw text, e.g. not JSON at all), {@code "value":null} for a null value and
 * {@code "key":null} for a null key.
 */
public final class SampleTickets {

    static final String BUNDLED = "/io/ticketsync/config/sample-tickets.jsonl";

    private SampleTickets() {
    }

    public static List<ProducerRecord<byte[], byte[]>> bundled(final String topic) {
        try (InputStream in = SampleTickets.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled sample tickets missing: " + BUNDLED);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), topic);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ProducerRecord<byte[], byte[]>> fromFile(final Path file, final String topic) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), topic);
    }

    static List<ProducerRecord<byte[], byte[]>> parse(final String lines, final String topic) {
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int number = 0;
        for (final String line : lines.split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                final JsonNode entry = Json.MAPPER.readTree(line);
                records.add(new ProducerRecord<>(topic, bytes(entry.get("key")), value(entry)));
            } catch (final JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalArgumentException("sample line " + number + " is not a sample record: " + e.getMessage(), e);
            }
        }
        return records;
    }

    private static byte[] value(final JsonNode entry) throws JsonProcessingException {
        if (entry.has("raw")) {
            return bytes(entry.get("raw"));
        }
        if (!entry.has("value")) {
            throw new IllegalArgumentException("needs \"value\" or \"raw\"");
        }
        final JsonNode value = entry.get("value");
        return value.isNull() ? null : Json.MAPPER.writeValueAsBytes(value);
    }

    private static byte[] bytes(final JsonNode text) {
        return text == null || text.isNull() ? null : text.asText().getBytes(StandardCharsets.UTF_8);
    }
}
