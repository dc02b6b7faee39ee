package io.ticketsync.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where configuration precedence is decided. Later sources win:
 * <ol>
 *   <li>built-in defaults ({@link Defaults})</li>
 *   <li>the properties file ({@code --config}, default {@code config/ticket-sync.properties})</li>
 *   <li>environment variables {@code TICKET_SYNC_<KEY>}: upper case, dots as underscores, so
 *       {@code TICKET_SYNC_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}; a doubled underscore
 *       is a literal one, so {@code TICKET_SYNC_MAPPING_STATUS_IN__PROGRESS} sets
 *       {@code mapping.status.in_progress}; a mapping variable with a single underscore in its
 *       mapped value is refused ({@link EnvironmentNames})</li>
 *   <li>a command's own values (such as {@code dev}'s broker address)</li>
 *   <li>command-line overrides ({@code --set key=value})</li>
 * </ol>
 * Each value keeps its {@link Origin}, so a bad one is reported where the operator can fix it.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = EnvironmentNames.PREFIX;

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
        merged = EnvironmentNames.read(environment).over(merged);
        merged = SourcedValues.of(commandValues, key -> Origin.command(command)).over(merged);
        merged = SourcedValues.of(overrides, Origin::flag).over(merged);
        return TicketSyncConfig.from(merged.values(), merged.origins());
    }

    /**
     * {@code TICKET_SYNC_DLQ_TOPIC=x} becomes {@code dlq.topic=x} and {@code __} a literal
     * {@code _}; other variables are ignored (see {@link EnvironmentNames}).
     *
     * @throws InvalidConfigException for an ambiguous mapping variable
     */
    public static Map<String, String> fromEnvironment(final Map<String, String> environment) {
        return EnvironmentNames.read(environment).values();
    }
}
