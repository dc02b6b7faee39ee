package io.ticketsync.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which key a {@code TICKET_SYNC_*} variable sets: upper case, dots as underscores, a doubled
 * underscore a literal one ({@code TICKET_SYNC_MAPPING_STATUS_IN__PROGRESS} sets
 * {@code mapping.status.in_progress}).
 * <p>
 * In a mapping variable the part after {@code MAPPING_STATUS_} or {@code MAPPING_PRIORITY_} is a
 * source system's value, where a single {@code _} could be meant as {@code _} or as {@code .}.
 * Guessing turns {@code WAITING_ON_CUSTOMER} into {@code waiting.on.customer}, a status nothing
 * sends, and the real one goes to the dead-letter topic; so such a name is refused instead.
 */
final class EnvironmentNames {

    static final String PREFIX = "TICKET_SYNC_";
    private static final String LITERAL_UNDERSCORE = "__";
    private static final List<String> MAPPING_PREFIXES = List.of(
            variablePart(ConfigKeys.MAPPING_STATUS_PREFIX), variablePart(ConfigKeys.MAPPING_PRIORITY_PREFIX));

    private EnvironmentNames() {
    }

    /**
     * Every {@code TICKET_SYNC_*} variable as a key; other variables are ignored.
     *
     * @throws InvalidConfigException naming a mapping variable with a single {@code _} in its mapped value
     */
    static SourcedValues read(final Map<String, String> environment) {
        final Map<String, String> values = new TreeMap<>();
        final Map<String, Origin> origins = new TreeMap<>();
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                final String key = key(name);
                values.put(key, value);
                origins.put(key, Origin.variable(name));
            }
        });
        return new SourcedValues(values, origins);
    }

    static String key(final String variable) {
        final String rest = variable.substring(PREFIX.length());
        MAPPING_PREFIXES.stream().filter(rest::startsWith).findFirst()
                .ifPresent(prefix -> requireUnambiguous(variable, prefix, rest.substring(prefix.length())));
        return String.join("_", Arrays.stream(rest.split(LITERAL_UNDERSCORE, -1))
                .map(part -> part.toLowerCase(Locale.ROOT).replace('_', '.')).toList());
    }

    private static void requireUnambiguous(final String variable, final String prefix, final String mappedValue) {
        if (Arrays.stream(mappedValue.split(LITERAL_UNDERSCORE, -1)).noneMatch(part -> part.contains("_"))) {
            return;
        }
        // Read as the operator most likely meant it: every underscore literal.
        final String escaped = PREFIX + prefix + String.join(LITERAL_UNDERSCORE, Arrays.stream(mappedValue.split(
                LITERAL_UNDERSCORE, -1)).map(part -> part.replace("_", LITERAL_UNDERSCORE)).toList());
        throw new InvalidConfigException("environment variable " + variable + " is ambiguous: a single '_' in '"
                + mappedValue + "' could mean '_' or '.'; write '__' for a literal underscore (" + escaped + " sets '"
                + key(escaped) + "'), or set the mapping in a --config file");
    }

    /** {@code mapping.status.} as it appears in a variable name: {@code MAPPING_STATUS_}. */
    private static String variablePart(final String keyPrefix) {
        return keyPrefix.toUpperCase(Locale.ROOT).replace('.', '_');
    }
}
