package io.ticketsync.testing;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.ConfigLoader;
import io.ticketsync.config.Defaults;
import io.ticketsync.config.TicketSyncConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The production defaults (loaded as {@code run} loads them, without a file) plus the sample
 * mappings the test tickets use, with a few test-friendly overrides.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static TicketSyncConfig defaults() {
        return with(Map.of());
    }

    /**
     * A configuration against {@code broker} with its own application id and topics (prefixed by
     * {@code name}), a free HTTP port and a temporary state directory.
     */
    public static TicketSyncConfig forBroker(final KafkaBroker broker, final String name, final Path stateDir,
                                             final Map<String, String> overrides) {
        return forBroker(broker.bootstrapServers(), name, stateDir, overrides);
    }

    public static TicketSyncConfig forBroker(final String bootstrapServers, final String name, final Path stateDir,
                                             final Map<String, String> overrides) {
        final Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", bootstrapServers);
        values.put("application.id", name);
        values.put(ConfigKeys.INPUT_TOPIC, name + ".changes");
        values.put(ConfigKeys.OUTPUT_TOPIC, name + ".synced");
        values.put(ConfigKeys.DLQ_TOPIC, name + ".dlq");
        values.put(ConfigKeys.HTTP_BIND_ADDRESS, "127.0.0.1");
        values.put(ConfigKeys.HTTP_PORT, "0");
        values.put("state.dir", stateDir.toString());
        // Short timeouts, as Kafka's own integration tests use, keep failures and rebalances quick.
        values.put("commit.interval.ms", "100");
        values.put("consumer.session.timeout.ms", "6000");
        values.put("consumer.heartbeat.interval.ms", "1000");
        values.putAll(overrides);
        return load(values);
    }

    public static TicketSyncConfig with(final Map<String, String> overrides) {
        final Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", "unused:9092");
        values.putAll(overrides);
        return load(values);
    }

    /** As {@code dev} loads: the sample mappings below everything else. */
    private static TicketSyncConfig load(final Map<String, String> overrides) {
        return ConfigLoader.load(List.of(), Map.of(), new ConfigLoader.CommandValues("test", Defaults.sampleMappings(),
                Map.of()), overrides);
    }
}
