package io.ticketsync.runtime;

import io.ticketsync.deadletter.routing.DeserializationDeadLetterHandler;
import io.ticketsync.deadletter.routing.ProcessingDeadLetterHandler;
import io.ticketsync.deadletter.routing.ProductionDeadLetterHandler;
import io.ticketsync.topology.FallbackTimestampExtractor;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.AppServices;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamsPropertiesTest {

    private final AppServices services = AppServices.of(TestConfigs.defaults());

    @Test
    void shouldWireTicketSyncHandlersExtractorAndServicesIntoStreamsProperties() {
        final Map<String, Object> props = StreamsProperties.of(services);

        assertThat(props).containsEntry("deserialization.exception.handler", DeserializationDeadLetterHandler.class)
                .containsEntry("processing.exception.handler", ProcessingDeadLetterHandler.class)
                .containsEntry("production.exception.handler", ProductionDeadLetterHandler.class)
                .containsEntry("default.timestamp.extractor", FallbackTimestampExtractor.class)
                .containsEntry("processing.exception.handler.global.enabled", true)
                .containsEntry("dlq.topic", services.config().topics().deadLetter())
                .containsEntry(AppServices.KEY, services);
    }

    @Test
    void shouldHandOutPropertiesNobodyCanChange() {
        assertThatThrownBy(() -> StreamsProperties.of(services).put("dlq.topic", "another.dlq"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRefuseToConfigureAHandlerWhenTheServicesAreMissing() {
        final Map<String, Object> withoutServices = Map.copyOf(services.config().raw());

        for (final var handler : new org.apache.kafka.common.Configurable[] {new DeserializationDeadLetterHandler(),
                new ProcessingDeadLetterHandler(), new ProductionDeadLetterHandler(), new FallbackTimestampExtractor()}) {
            assertThatThrownBy(() -> handler.configure(withoutServices))
                    .as(handler.getClass().getSimpleName())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(AppServices.KEY).hasMessageContaining("StreamsProperties.of");
        }
    }
}
