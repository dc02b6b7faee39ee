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
            description = "Properties file (default: config/ticket-sync.properties when it exists).")
    private Path file;

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
        return ConfigLoader.load(configFile().stream().toList(), System.getenv(), command.name(), commandDefaults,
                overrides());
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
        return configFile().map(path -> PropertiesFiles.read(path).get(key)).map(value -> describe(key, value)
                + " from " + configFile().get());
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

    private Optional<Path> configFile() {
        if (file != null) {
            return Optional.of(file);
        }
        return Files.isRegularFile(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty();
    }
}
