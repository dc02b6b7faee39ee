package io.ticketsync.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes records the way C and Go clients can and the Java producer refuses to: with a negative
 * timestamp. Runs {@code librdkafka_produce.py} under Debian's python3-confluent-kafka
 * (librdkafka), so the broker receives exactly what such a producer sends.
 */
public final class LibrdkafkaProducer {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "librdkafka_produce.py";
    private static final long TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record; a null key, value or header value is sent as null. */
    public record RawRecord(String topic, int partition, long timestamp, String key, String value,
                            List<Map.Entry<String, String>> headers) {

        public static RawRecord of(final String topic, final int partition, final long timestamp, final String key,
                                   final String value) {
            return new RawRecord(topic, partition, timestamp, key, value, List.of());
        }
    }

    /** Where a record landed and the timestamp the broker acknowledged. */
    public record Delivered(int partition, long offset, long timestamp) {
    }

    private LibrdkafkaProducer() {
    }

    /** Produces {@code records} in order and returns where each landed; fails with the script's stderr. */
    public static List<Delivered> produce(final String bootstrapServers, final List<RawRecord> records)
            throws IOException, InterruptedException {
        final Path dir = Files.createTempDirectory("librdkafka-produce");
        try {
            return produce(bootstrapServers, records, dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (final Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static List<Delivered> produce(final String bootstrapServers, final List<RawRecord> records, final Path dir)
            throws IOException, InterruptedException {
        final Path script = copyScript(dir);
        final Path stderr = dir.resolve("stderr.txt");
        final Process process = new ProcessBuilder(PYTHON, script.toString(), bootstrapServers)
                .redirectError(stderr.toFile())
                .start();
        try (OutputStream in = process.getOutputStream()) {
            for (final RawRecord record : records) {
                in.write(JSON.writeValueAsBytes(asJson(record)));
                in.write('\n');
            }
        }
        // The script prints a few short lines only, so reading them after the wait cannot block it.
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(SCRIPT + " did not finish within " + TIMEOUT_SECONDS + " s; stderr:\n"
                    + Files.readString(stderr));
        }
        final String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(SCRIPT + " exited " + process.exitValue() + "; stderr:\n" + Files.readString(stderr));
        }
        final List<Delivered> delivered = new ArrayList<>();
        for (final String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                delivered.add(JSON.readValue(line, Delivered.class));
            }
        }
        return delivered;
    }

    /** True when this machine can run the script: {@code .ci/run} installs python3-confluent-kafka. */
    public static boolean available() {
        try {
            final Process process = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka").start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Map<String, Object> asJson(final RawRecord record) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("timestamp", record.timestamp());
        json.put("key", record.key());
        json.put("value", record.value());
        json.put("headers", record.headers().stream().map(header -> new Object[] {header.getKey(), header.getValue()})
                .toList());
        return json;
    }

    private static Path copyScript(final Path dir) {
        try (InputStream in = LibrdkafkaProducer.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " missing from the test classpath");
            }
            final Path script = dir.resolve(SCRIPT);
            Files.copy(in, script);
            return script;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
