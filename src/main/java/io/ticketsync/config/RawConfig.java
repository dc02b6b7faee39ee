package io.ticketsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The merged raw key/value map, read as typed values. Every reader names the key and where its
 * value came from ({@link Origin}) in the {@link InvalidConfigException} it throws, so a bad value
 * is one line that says which key to fix, and where.
 */
final class RawConfig {

    /** A shorter secret could be guessed. */
    static final int MIN_SECRET_LENGTH = 16;

    private final Map<String, String> values;
    private final Map<String, Origin> origins;

    /** @param origins where each value came from; a key without one is reported by name alone */
    RawConfig(final Map<String, String> values, final Map<String, Origin> origins) {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    /**
     * The exception for a bad value of {@code key}: {@code problem}, then where the value came
     * from and what to do there. Every message about one key's value is made here.
     */
    InvalidConfigException invalid(final String key, final String problem) {
        final Origin origin = origins.get(key);
        return new InvalidConfigException(origin == null ? problem : problem + " " + origin.describe());
    }

    Map<String, String> values() {
        return values;
    }

    boolean has(final String key) {
        return values.containsKey(key);
    }

    Optional<String> optional(final String key) {
        return Optional.ofNullable(values.get(key));
    }

    String required(final String key) {
        final String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw invalid(key, "missing required configuration '" + key + "'");
        }
        return value.trim();
    }

    /** Absent, or a secret worth the name. Messages never echo the value. */
    Optional<String> secret(final String key, final String ifAbsent) {
        final String value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() < MIN_SECRET_LENGTH || !value.chars().allMatch(c -> c > ' ' && c < 127)) {
            // An empty value must not quietly mean "no authentication": the operator meant to set one.
            throw invalid(key, "'" + key + "' must be at least " + MIN_SECRET_LENGTH
                    + " printable ASCII characters without spaces (" + ifAbsent + ")");
        }
        return Optional.of(value);
    }

    Optional<URI> httpUrl(final String key) {
        final String value = values.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            final URI uri = new URI(value.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return Optional.of(uri);
        } catch (final URISyntaxException e) {
            throw invalid(key, "'" + key + "' must be an http(s) URL such as http://ticket-sync:8080, got '"
                    + value + "'");
        }
    }

    int port(final String key) {
        return (int) longBetween(key, 0, 65_535, "a port number from 0 to 65535");
    }

    int positiveInt(final String key) {
        return (int) longBetween(key, 1, Integer.MAX_VALUE, "a positive integer");
    }

    int nonNegativeInt(final String key) {
        return (int) longBetween(key, 0, Integer.MAX_VALUE, "an integer >= 0");
    }

    /** A positive number of milliseconds (a long: days are fine). */
    Duration millis(final String key) {
        return Duration.ofMillis(longBetween(key, 1, Long.MAX_VALUE / 1_000_000, "a positive number of milliseconds"));
    }

    long longBetween(final String key, final long minimum, final long maximum, final String expected) {
        final String value = required(key);
        try {
            final long parsed = Long.parseLong(value);
            if (parsed >= minimum && parsed <= maximum) {
                return parsed;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "'" + key + "' must be " + expected + ", got '" + value + "'");
    }

    /** One of {@code type}'s constants, named in any case, e.g. {@code exit} for {@code EXIT}. */
    <E extends Enum<E>> E choice(final String key, final Class<E> type) {
        final String value = required(key);
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw invalid(key, "'" + key + "' must be one of " + Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + value + "'");
    }

    /** A share in (0, 1]. */
    double fraction(final String key) {
        final String value = required(key);
        try {
            final double parsed = Double.parseDouble(value);
            if (parsed > 0 && parsed <= 1) {
                return parsed;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "'" + key + "' must be a number in (0, 1], got '" + value + "'");
    }

    List<Class<? extends Throwable>> throwableClasses(final String key) {
        final List<Class<? extends Throwable>> classes = new ArrayList<>();
        for (final String name : required(key).split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                classes.add(Class.forName(name.trim()).asSubclass(Throwable.class));
            } catch (final ClassNotFoundException | ClassCastException e) {
                throw invalid(key, "'" + key + "' lists '" + name.trim() + "', which is not a Throwable class");
            }
        }
        return List.copyOf(classes);
    }

    /** Every {@code <prefix><source>=<target>} entry as a {@link ValueMapping}, perhaps none. */
    ValueMapping mapping(final String name, final String prefix) {
        final Map<String, String> entries = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                if (value.isBlank()) {
                    throw invalid(key, "'" + key + "' maps to an empty target value");
                }
                entries.put(key.substring(prefix.length()), value.trim());
            }
        });
        return new ValueMapping(name, entries);
    }
}
