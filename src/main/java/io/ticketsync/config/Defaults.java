package io.ticketsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The built-in defaults ({@code config/ticket-sync.properties}) and the sample mappings
 * ({@code config/sample-mappings.properties}, for {@code dev} only), bundled into the jar.
 */
public final class Defaults {

    static final String RESOURCE = "/io/ticketsync/config/ticket-sync.properties";
    static final String SAMPLE_MAPPINGS = "/io/ticketsync/config/sample-mappings.properties";

    private Defaults() {
    }

    public static Map<String, String> load() {
        return resource(RESOURCE);
    }

    /** The mappings of the bundled sample tickets: {@code dev}'s, never merged into anything else. */
    public static Map<String, String> sampleMappings() {
        return resource(SAMPLE_MAPPINGS);
    }

    private static Map<String, String> resource(final String name) {
        try (InputStream in = Defaults.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled configuration missing from the classpath: " + name);
            }
            return PropertiesFiles.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read bundled configuration " + name, e);
        }
    }
}
