package io.ticketsync.deadletter.routing;

import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TestServices;
import io.ticketsync.failure.UnreadableStoreValueException;
import io.ticketsync.testing.FixedErrorContext;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.ticketsync.testing.Headers.text;
import static org.assertj.core.api.Assertions.assertThat;

class ProcessingDeadLetterHandlerTest {

    private static final byte[] RAW_VALUE = "{\"ticketId\":\"T-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Record<String, String> RECORD = new Record<>("T-1", "change", 0L);

    private final ProcessingDeadLetterHandler handler = new ProcessingDeadLetterHandler();

    @BeforeEach
    void configure() {
        handler.configure(TestServices.streamsConfigs(TestConfigs.defaults()));
    }

    @Test
    void shouldDeadLetterOriginalAndResumeWhenBusinessLogicThrows() {
        final Response response = handler.handleError(FixedErrorContext.atSink(RAW_VALUE), RECORD,
                new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.value()).isEqualTo(RAW_VALUE);
            assertThat(text(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("unexpected-exception");
        });
    }

    @Test
    void shouldFailRatherThanWriteAnEmptyDeadLetterWhenOriginalWasReleased() {
        final Response response = handler.handleError(FixedErrorContext.atSink(null), RECORD,
                new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldFailWithoutDeadLetterWhenStoredStateIsUnreadable() {
        final Response response = handler.handleError(FixedErrorContext.atSink(RAW_VALUE), RECORD,
                new UnreadableStoreValueException("ticket-snapshots", "T-1", new SerializationException("bad")));

        assertThat(response.result()).as("the record is not at fault").isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldFailWhenTheErrorIsInfrastructure() {
        final Response response = handler.handleError(FixedErrorContext.atSink(RAW_VALUE), RECORD,
                new StreamsException("state store broken"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
    }
}
