package io.ticketsync.dlq;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Plain consumer and producer settings (connection, security) taken from the ticket-sync configuration. */
final class ClientConfigs {

    private ClientConfigs() {
    }

    static Map<String, Object> consumer(final TicketSyncConfig config) {
        return known(config, ConsumerConfig.configNames());
    }

    static Map<String, Object> producer(final TicketSyncConfig config) {
        return known(config, ProducerConfig.configNames());
    }

    private static Map<String, Object> known(final TicketSyncConfig config, final Set<String> names) {
        final Map<String, Object> values = new HashMap<>();
        config.raw().forEach((key, value) -> {
            if (names.contains(key)) {
                values.put(key, value);
            }
        });
        return values;
    }
}
