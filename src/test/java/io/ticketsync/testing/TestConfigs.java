package io.ticketsync.testing;

import io.ticketsync.config.TicketSyncConfig;

import java.util.HashMap;
import java.util.Map;

/** The production defaults with a few test-friendly overrides. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static TicketSyncConfig defaults() {
        return with(Map.of());
    }

    public static TicketSyncConfig with(final Map<String, String> overrides) {
        final Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", "unused:9092");
        values.putAll(overrides);
        return TicketSyncConfig.from(values);
    }
}
