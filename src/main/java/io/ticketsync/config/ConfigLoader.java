package io.ticketsync.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where configuration precedence is decided. Later sources win, key by key:
 * <ol>
 *   <li>built-in defaults ({@link Defaults}), which map no statuses or priorities</li>
 *   <li>a command's base values: {@code dev}'s sample mappings ({@link Defaults#sampleMappings()})</li>
 *   <li>the properties files ({@code --config}, repeatable, later ones winning; default
 *       {@code config/ticket-sync.properties})</li>
 *   <li>environment variables {@code TICKET_SYNC_<KEY>}: upper case, dots as underscores, so
 *       {@code TICKET_SYNC_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}; a doubled underscore
 *       is a literal one, so {@code TICKET_SYNC_MAPPING_STATUS_IN__PROGRESS} sets
 *       {@code mapping.status.in_progress}; a mapping variable with a single underscore in its
 *       mapped value is refused ({@link EnvironmentNames})</li>
 *   <li>a command's own values (such as {@code dev}'s broker address)</li>
 *   <li>command-line overrides ({@code --set key=value})</li>
 * </ol>
 * A layer that sets {@code mapping.replace=true} drops every mapping of the layers below it, so a
 * file can say "exactly these mappings". Each value keeps its {@link Origin}, so a bad one is
 * reported where the operator can fix it.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = EnvironmentNames.PREFIX;

    private static final List<String> MAPPING_PREFIXES = List.of(ConfigKeys.MAPPING_STATUS_PREFIX,
            ConfigKeys.MAPPING_PRIORITY_PREFIX);

    private ConfigLoader() {
    }

    public static TicketSyncConfig load(final Optional<Path> file,
                                        final Map<String, String> environment,
                                        final Map<String, String> overrides) {
        return load(file.stream().toList(), environment, new CommandValues("", Map.of(), Map.of()), overrides);
    }

    /**
     * @param command what the running command adds: base values below the files, own values above
     *                the environment
     */
    public static TicketSyncConfig load(final List<Path> files,
                                        final Map<String, String> environment,
                                        final CommandValues command,
                                        final Map<String, String> overrides) {
        SourcedValues merged = SourcedValues.of(Defaults.load(), key -> Origin.builtIn());
        merged = stack(SourcedValues.of(command.base(), key -> Origin.command(command.name())), merged);
        for (final Path file : files) {
            merged = stack(PropertiesFiles.readSourced(file), merged);
        }
        merged = stack(EnvironmentNames.read(environment), merged);
        merged = stack(SourcedValues.of(command.own(), key -> Origin.command(command.name())), merged);
        merged = stack(SourcedValues.of(overrides, Origin::flag), merged);
        return TicketSyncConfig.from(merged.values(), merged.origins());
    }

    /**
     * The values a command brings: {@code base} below the operator's files (dev's sample
     * mappings, which a file with {@code mapping.replace=true} drops), {@code own} above them
     * (dev's broker address, which only {@code --set} may change).
     */
    public record CommandValues(String name, Map<String, String> base, Map<String, String> own) {
    }

    private static SourcedValues stack(final SourcedValues layer, final SourcedValues below) {
        return layer.over(replacesMappings(layer) ? below.without(MAPPING_PREFIXES) : below);
    }

    private static boolean replacesMappings(final SourcedValues layer) {
        final String value = layer.values().get(ConfigKeys.MAPPING_REPLACE);
        if (value == null || "false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        throw new InvalidConfigException("'" + ConfigKeys.MAPPING_REPLACE + "' must be true or false, got '" + value + "' "
                + layer.origins().get(ConfigKeys.MAPPING_REPLACE).describe());
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
