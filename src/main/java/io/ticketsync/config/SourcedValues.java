package io.ticketsync.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Configuration values, each with its {@link Origin}; layers are stacked with {@link #over},
 * so the origin always travels with the value that won.
 */
record SourcedValues(Map<String, String> values, Map<String, Origin> origins) {

    SourcedValues {
        values = Map.copyOf(values);
        origins = Map.copyOf(origins);
    }

    static SourcedValues of(final Map<String, String> values, final Function<String, Origin> originOf) {
        final Map<String, Origin> origins = new TreeMap<>();
        values.keySet().forEach(key -> origins.put(key, originOf.apply(key)));
        return new SourcedValues(values, origins);
    }

    static SourcedValues empty() {
        return new SourcedValues(Map.of(), Map.of());
    }

    /** Without the keys that start with any of {@code prefixes}. */
    SourcedValues without(final List<String> prefixes) {
        final Map<String, String> keptValues = new TreeMap<>(values);
        final Map<String, Origin> keptOrigins = new TreeMap<>(origins);
        keptValues.keySet().removeIf(key -> prefixes.stream().anyMatch(key::startsWith));
        keptOrigins.keySet().retainAll(keptValues.keySet());
        return new SourcedValues(keptValues, keptOrigins);
    }

    /** This layer on top of {@code below}: key by key, this one wins. */
    SourcedValues over(final SourcedValues below) {
        final Map<String, String> mergedValues = new TreeMap<>(below.values);
        final Map<String, Origin> mergedOrigins = new TreeMap<>(below.origins);
        mergedValues.putAll(values);
        mergedOrigins.putAll(origins);
        return new SourcedValues(mergedValues, mergedOrigins);
    }
}
