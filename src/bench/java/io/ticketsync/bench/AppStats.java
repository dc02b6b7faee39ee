package io.ticketsync.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** One snapshot of what an application under test reports about itself (see StatsReporter). */
record AppStats(long time, long fetched, long firstFetchAt, long cpuAtFirstFetchNanos, long cpuNanos,
                long peakHeapBytes, long faultAt, String faultThread, String streamsState) {

    static Optional<AppStats> read(final Path file) throws IOException {
        final Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (final NoSuchFileException notYet) {
            return Optional.empty();
        }
        return Optional.of(new AppStats(
                number(values, "time"), number(values, "fetched"), number(values, "firstFetchAt"),
                number(values, "cpuAtFirstFetchNanos"), number(values, "cpuNanos"), number(values, "peakHeapBytes"),
                number(values, "faultAt"), values.getProperty("faultThread", ""), values.getProperty("streamsState", "")));
    }

    private static long number(final Properties values, final String key) {
        return Long.parseLong(values.getProperty(key, "0"));
    }
}
