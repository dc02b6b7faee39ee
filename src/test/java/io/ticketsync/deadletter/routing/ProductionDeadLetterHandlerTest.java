package io.ticketsync.deadletter.routing;

import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TestServices;
import io.ticketsync.testing.FixedErrorContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProductionDeadLetterHandlerTest {

    private static final byte[] RAW_VALUE = "{\"ticketId\":\"T-1\"}".getBytes(StandardCharsets.UTF_8);

    private final ProductionDeadLetterHandler handler = new ProductionDeadLetterHandler();

    @BeforeEach
    void configure() {
        handler.configure(TestServices.streamsConfigs(TestConfigs.defaults()));
    }

    @Test
    void shouldFailWithoutDeadLetterWhenWritingTheDeadLetterItselfFails() {
        final Response response = handler.handleError(FixedErrorContext.atSink(RAW_VALUE),
                record("tickets.dlq"), new TimeoutException("topic tickets.dlq not present in metadata"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldFailWhenDeadLetterTopicRejectsTheDeadLetter() {
        final Response response = handler.handleError(FixedErrorContext.atSink(RAW_VALUE),
                record("tickets.dlq"), new RecordTooLargeException("too large"));

        assertThat(response.result()).as("never resume past a lost dead letter").isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldRetryWhenOutputSendErrorIsRetriable() {
        final Response response = handler.handleError(FixedErrorContext.atSink(null),
                record("tickets.synced"), new NotEnoughReplicasException("2 of 3"));

        assertThat(response.result()).isEqualTo(Result.RETRY);
    }

    @ParameterizedTest
    @EnumSource(SerializationExceptionOrigin.class)
    void shouldFailWithoutDeadLetterWhenOutputSerializerThrows(final SerializationExceptionOrigin origin) {
        final Response response = handler.handleSerializationError(FixedErrorContext.atSink(RAW_VALUE),
                record("tickets.synced"), new IllegalStateException("serializer bug"), origin);

        assertThat(response.result()).as("resuming would advance the ticket's state without its output")
                .isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldFailWithoutDeadLetterWhenOutputTopicRefusesRecord() {
        final Response response = handler.handleError(FixedErrorContext.atSink(RAW_VALUE),
                record("tickets.synced"), new RecordTooLargeException("broker says no"));

        assertThat(response.result()).as("the refusal already doomed the transaction").isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldFailWhenErrorIsInfrastructureNotRecord() {
        final Response response = handler.handleError(FixedErrorContext.atSink(RAW_VALUE),
                record("tickets.synced"), new KafkaException("producer closed"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    private static ProducerRecord<byte[], byte[]> record(final String topic) {
        return new ProducerRecord<>(topic, "T-1".getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }
}
