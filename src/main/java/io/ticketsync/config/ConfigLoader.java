package io.ticketsync.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place where configuration precedence is decided. Later sources win:
 * <ol>
 *   <li>built-in defaults ({@link Defaults})</li>
 *   <li>the properties file ({@code --config}, default {@code config/ticket-sync.properties})</li>
 *   <li>environment variables {@code TICKET_SYNC_<KEY>}: upper case, dots as underscores, so
 *       {@code TICKET_SYNC_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}; a doubled underscore
 *       is a literal one, so {@code TICKET_SYNC_MAPPING_STATUS_IN__PROGRESS} sets
 *       {@code mapping.status.in_progress}</li>
 *   <li>a command's own values (such as {@code dev}'s broker address)</li>
 *   <li>command-line overrides ({@code --set key=value})</li>
 * </ol>
 * Each value keeps its {@link Origin}, so a bad one is reported where the operator can fix it.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "TICKET_SYNC_";

    private ConfigLoader() {
    }

    public static TicketSyncConfig load(final Optional<Path> file,
                                        final Map<String, String> environment,
                                        final Map<String, String> overrides) {
        return load(file.stream().toList(), environment, "", Map.of(), overrides);
    }

    /**
     * @param command       the command whose own values {@code commandValues} are, to name them in errors
     * @param commandValues values a command sets for itself, below {@code --set} only
     */
    public static TicketSyncConfig load(final List<Path> files,
                                        final Map<String, String> environment,
                                        final String command,
                                        final Map<String, String> commandValues,
                                        final Map<String, String> overrides) {
        SourcedValues merged = SourcedValues.of(Defaults.load(), key -> Origin.builtIn());
        for (final Path file : files) {
            merged = PropertiesFiles.readSourced(file).over(merged);
        }
        merged = sourcedEnvironment(environment).over(merged);
        merged = SourcedValues.of(commandValues, key -> Origin.command(command)).over(merged);
        merged = SourcedValues.of(overrides, Origin::flag).over(merged);
        return TicketSyncConfig.from(merged.values(), merged.origins());
    }

    /**
     * {@code TICKET_SYNC_DLQ_TOPIC=x} becomes {@code dlq.topic=x} and {@code __} a literal
     * {@code _}; other variables are ignored.
     */
    public static Map<String, String> fromEnvironment(final Map<String, String> environment) {
        return sourcedEnvironment(environment).values();
    }

    private static SourcedValues sourcedEnvironment(final Map<String, String> environment) {
        final Map<String, String> values = new TreeMap<>();
        final Map<String, Origin> origins = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                final String key = String.join("_", Arrays.stream(name.substring(ENV_PREFIX.length()).split("__", -1))
                        .map(part -> part.toLowerCase(Locale.ROOT).replace('_', '.')).toList());
                values.put(key, value);
                origins.put(key, Origin.variable(name));
            }
        });
        return new SourcedValues(values, origins);
    }
}
