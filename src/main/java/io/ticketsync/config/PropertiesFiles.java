package io.ticketsync.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads Java properties files (UTF-8) into plain string maps. */
public final class PropertiesFiles {

    private PropertiesFiles() {
    }

    /** @throws InvalidConfigException when {@code file} is missing, a directory or unreadable: exit 3, not a stack trace */
    public static Map<String, String> read(final Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidConfigException("configuration file " + file + " is a directory; --config needs a properties file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (final NoSuchFileException e) {
            throw new InvalidConfigException("configuration file not found: " + file);
        } catch (final AccessDeniedException e) {
            throw new InvalidConfigException("configuration file " + file + " is not readable (permission denied)");
        } catch (final IOException e) {
            throw new InvalidConfigException("cannot read configuration file " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    static Map<String, String> read(final Reader reader) throws IOException {
        final Properties properties = new Properties();
        properties.load(reader);
        final Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }
}
