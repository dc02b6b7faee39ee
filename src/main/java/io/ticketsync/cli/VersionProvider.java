package io.ticketsync.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Reports the Maven project version and the git commit the build saw, from a resource Maven
 * filtered at build time; "unknown" for whatever the build could not tell (no git, no .git).
 */
final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "build.properties";
    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        final Properties build = read();
        return new String[] {"ticket-sync " + value(build, "version") + " (commit " + value(build, "commit") + ")"};
    }

    /** The value Maven filtered in; a blank or unresolved {@code ${...}} one is unknown. */
    static String value(final Properties build, final String key) {
        final String value = build.getProperty(key, "").trim();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }

    private static Properties read() {
        final Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar", e);
        }
        return build;
    }
}
