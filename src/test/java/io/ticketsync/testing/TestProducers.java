package io.ticketsync.testing;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/** Settings for the producers that feed input in tests. */
public final class TestProducers {

    private TestProducers() {
    }

    /**
     * Idempotent, acks=all, one request in flight: a retried batch can never land behind later
     * ones. With several in flight, a retry of an old batch on a busy broker was rejected as out of
     * sequence and the records were lost to the test, not to ticket-sync. Generous delivery timeout
     * so feeding survives a broker restart.
     */
    public static Map<String, Object> inOrder(final String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    }
}
