package io.ticketsync.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.StreamsProperties;
import io.ticketsync.guard.DeadLetterSurgeBrake;
import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.topology.AppServices;

import java.util.Map;
import java.util.Properties;

/**
 * The one place tests get what production hands Kafka Streams: the properties with ticket-sync's
 * handlers and its {@link AppServices} bundle, which every TopologyTestDriver, test client and
 * directly configured handler needs (without it they refuse to start).
 */
public final class TestServices {

    private TestServices() {
    }

    /** A fresh bundle, with its metrics in {@code registry}. */
    public static AppServices services(final TicketSyncConfig config, final MeterRegistry registry) {
        return new AppServices(config, FailureClassifier.of(config), new TicketSyncMetrics(registry),
                new DeadLetterSurgeBrake(config.guards().surgeLimits()));
    }

    /** Kafka Streams' properties for {@code config} with a fresh bundle, as the map handlers are configured with. */
    public static Map<String, Object> streamsConfigs(final TicketSyncConfig config) {
        return StreamsProperties.of(AppServices.of(config));
    }

    /** The same as a modifiable {@link Properties}, for tests that override a key or two. */
    public static Properties streamsProperties(final TicketSyncConfig config) {
        final Properties props = new Properties();
        props.putAll(streamsConfigs(config));
        return props;
    }
}
