package io.ticketsync.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads Java properties files (UTF-8) into plain string maps, or into values that know their line. */
public final class PropertiesFiles {

    private PropertiesFiles() {
    }

    /** @throws InvalidConfigException when {@code file} is missing, a directory or unreadable: exit 3, not a stack trace */
    public static Map<String, String> read(final Path file) {
        return parse(text(file), file);
    }

    /** Every value of {@code file} with its {@code file:line} origin. */
    static SourcedValues readSourced(final Path file) {
        final String text = text(file);
        final Map<String, Integer> lines = PropertiesLines.of(text.lines().toList());
        // A key the line finder missed still names its file: line 1 is wrong, the file is not.
        return SourcedValues.of(parse(text, file), key -> Origin.file(file, lines.getOrDefault(key, 1)));
    }

    static Map<String, String> read(final Reader reader) throws IOException {
        final Properties properties = new Properties();
        properties.load(reader);
        final Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    private static Map<String, String> parse(final String text, final Path file) {
        try {
            return read(new StringReader(text));
        } catch (final IOException | IllegalArgumentException e) {
            // Properties throws IllegalArgumentException for a malformed \\uXXXX escape.
            throw new InvalidConfigException("cannot parse configuration file " + file + " (" + e.getMessage() + ")");
        }
    }

    private static String text(final Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidConfigException("configuration file " + file + " is a directory; --config needs a properties file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            throw new InvalidConfigException("configuration file not found: " + file);
        } catch (final AccessDeniedException e) {
            throw new InvalidConfigException("configuration file " + file + " is not readable (permission denied)");
        } catch (final IOException e) {
            throw new InvalidConfigException("cannot read configuration file " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
