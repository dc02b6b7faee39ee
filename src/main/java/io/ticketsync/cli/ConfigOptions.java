package io.ticketsync.cli;

import io.ticketsync.config.ConfigLoader;
import io.ticketsync.config.TicketSyncConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --config FILE} and {@code --set key=value}, shared by every command that needs configuration. */
final class ConfigOptions {

    static final Path DEFAULT_FILE = Path.of("config", "ticket-sync.properties");

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (default: config/ticket-sync.properties when it exists).")
    private Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Override one key; wins over the file and TICKET_SYNC_* environment variables.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    TicketSyncConfig load() {
        return load(Map.of());
    }

    /** Loads with {@code commandDefaults} placed below the user's own {@code --set} overrides. */
    TicketSyncConfig load(final Map<String, String> commandDefaults) {
        final Map<String, String> merged = new LinkedHashMap<>(commandDefaults);
        merged.putAll(overrides);
        return ConfigLoader.load(configFile(), System.getenv(), merged);
    }

    private Optional<Path> configFile() {
        if (file != null) {
            return Optional.of(file);
        }
        return Files.isRegularFile(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty();
    }
}
