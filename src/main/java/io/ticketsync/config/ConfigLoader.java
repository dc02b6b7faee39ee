package io.ticketsync.config;

import java.nio.file.Path;
import java.util.Arrays;
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
 *   <li>command-line overrides ({@code --set key=value})</li>
 * </ol>
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "TICKET_SYNC_";

    private ConfigLoader() {
    }

    public static TicketSyncConfig load(final Optional<Path> file,
                                        final Map<String, String> environment,
                                        final Map<String, String> overrides) {
        final Map<String, String> merged = new TreeMap<>(Defaults.load());
        file.ifPresent(path -> merged.putAll(PropertiesFiles.read(path)));
        merged.putAll(fromEnvironment(environment));
        merged.putAll(overrides);
        return TicketSyncConfig.from(merged);
    }

    /**
     * {@code TICKET_SYNC_DLQ_TOPIC=x} becomes {@code dlq.topic=x} and {@code __} a literal
     * {@code _}; other variables are ignored.
     */
    public static Map<String, String> fromEnvironment(final Map<String, String> environment) {
        final Map<String, String> values = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                final String key = String.join("_", Arrays.stream(name.substring(ENV_PREFIX.length()).split("__", -1))
                        .map(part -> part.toLowerCase(Locale.ROOT).replace('_', '.')).toList());
                values.put(key, value);
            }
        });
        return values;
    }
}
