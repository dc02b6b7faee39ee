package io.ticketsync.cli;

import io.ticketsync.config.ConfigLoader;
import io.ticketsync.config.PropertiesFiles;
import io.ticketsync.config.SecretMasker;
import io.ticketsync.config.TicketSyncConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code --config FILE} and {@code --set key=value}, shared by every command that needs configuration. */
final class ConfigOptions {

    static final Path DEFAULT_FILE = Path.of("config", "ticket-sync.properties");

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (repeatable: later files win, key by key; default: config/ticket-sync.properties"
                    + " when it exists).")
    private List<Path> files = new ArrayList<>();

    /** Kept as typed and split by {@link #overrides()}, so a pair without '=' is named as a usage error, not a missing key. */
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one key (repeatable); wins over the file and TICKET_SYNC_* environment variables.")
    private List<String> pairs = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    TicketSyncConfig load() {
        return load(Map.of());
    }

    /** Loads with {@code commandDefaults} placed below the user's own {@code --set} overrides. */
    TicketSyncConfig load(final Map<String, String> commandDefaults) {
        return load(Map.of(), commandDefaults);
    }

    /**
     * Loads with {@code base} below the config files (a file with {@code mapping.replace=true}
     * drops its mappings) and {@code commandDefaults} below the user's own {@code --set} overrides.
     */
    TicketSyncConfig load(final Map<String, String> base, final Map<String, String> commandDefaults) {
        return ConfigLoader.load(configFiles(), System.getenv(),
                new ConfigLoader.CommandValues(command.name(), base, commandDefaults), overrides());
    }

    /**
     * Where the user set {@code key} below {@code --set}: the TICKET_SYNC_* variable or the config
     * file, with the value; empty when neither sets it or {@code --set} does.
     */
    Optional<String> setBelowCommandLine(final String key) {
        if (overrides().containsKey(key)) {
            return Optional.empty();
        }
        final String variable = ConfigLoader.ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace("_", "__").replace('.', '_');
        final String fromEnvironment = ConfigLoader.fromEnvironment(System.getenv()).get(key);
        if (fromEnvironment != null) {
            return Optional.of(describe(key, fromEnvironment) + " from " + variable);
        }
        Optional<String> fromFiles = Optional.empty();
        for (final Path path : configFiles()) {
            final String value = PropertiesFiles.read(path).get(key);
            if (value != null) {
                fromFiles = Optional.of(describe(key, value) + " from " + path);
            }
        }
        return fromFiles;
    }

    /**
     * The {@code --set} pairs, later ones winning; an empty value ({@code key=}) is kept as given.
     *
     * @throws ParameterException (exit 2) for a pair with no '=' or no key
     */
    Map<String, String> overrides() {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String pair : pairs) {
            final int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new ParameterException(command.commandLine(), "--set needs KEY=VALUE, got '" + pair + "'");
            }
            values.put(pair.substring(0, equals).trim(), pair.substring(equals + 1));
        }
        return values;
    }

    private static String describe(final String key, final String value) {
        return SecretMasker.isSecret(key) ? SecretMasker.MASK : value;
    }

    private List<Path> configFiles() {
        if (!files.isEmpty()) {
            return List.copyOf(files);
        }
        return Files.isRegularFile(DEFAULT_FILE) ? List.of(DEFAULT_FILE) : List.of();
    }
}
