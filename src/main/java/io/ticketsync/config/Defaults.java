package io.ticketsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The built-in defaults: {@code config/ticket-sync.properties}, bundled into the jar as a resource. */
public final class Defaults {

    static final String RESOURCE = "/io/ticketsync/config/ticket-sync.properties";

    private Defaults() {
    }

    public static Map<String, String> load() {
        try (InputStream in = Defaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in defaults missing from the classpath: " + RESOURCE);
            }
            return PropertiesFiles.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read built-in defaults", e);
        }
    }
}
