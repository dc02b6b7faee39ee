package io.ticketsync.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Maps source-system values (e.g. status {@code open}) to target values (e.g. {@code OPEN}).
 * Source values are matched case-insensitively, so {@code Open} and {@code open} are the same.
 */
public final class ValueMapping {

    private final String name;
    private final Map<String, String> targets;

    public ValueMapping(final String name, final Map<String, String> sourceToTarget) {
        this.name = name;
        final Map<String, String> normalised = new TreeMap<>();
        sourceToTarget.forEach((source, target) -> normalised.put(normalise(source), target));
        this.targets = Map.copyOf(normalised);
    }

    /** The target value for {@code source}, empty when the source value is not mapped. */
    public Optional<String> map(final String source) {
        return Optional.ofNullable(targets.get(normalise(source)));
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    public String name() {
        return name;
    }

    public Map<String, String> asMap() {
        return new TreeMap<>(targets);
    }

    private static String normalise(final String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name + asMap();
    }
}
