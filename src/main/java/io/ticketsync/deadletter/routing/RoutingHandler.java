package io.ticketsync.deadletter.routing;

import org.apache.kafka.common.Configurable;

import java.util.Map;

/** Base of the three exception handlers: Kafka Streams configures each with the raw map. */
abstract class RoutingHandler implements Configurable {

    protected DeadLetterRouter router;

    @Override
    public void configure(final Map<String, ?> configs) {
        router = DeadLetterRouter.from(configs);
    }
}
