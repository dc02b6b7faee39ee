package io.ticketsync.deadletter.routing;

import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.guard.DeadLetterSurgeBrake;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.testing.FixedErrorContext;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterRouterTest {

    private final TicketSyncMetrics metrics = new TicketSyncMetrics(new SimpleMeterRegistry());
    private final DeadLetterSurgeBrake brake = new DeadLetterSurgeBrake(TestConfigs.defaults().guards().surgeLimits());
    private final DeadLetterRouter router = new DeadLetterRouter(FailureClassifier.of(TestConfigs.defaults()),
            new DeadLetterRecordFactory(TestConfigs.defaults()), metrics, brake);

    @Test
    void shouldCountADeadLetterOnlyOnceItIsBuilt() {
        final byte[] value = "x".getBytes(StandardCharsets.UTF_8);
        final FixedErrorContext unreadableHeaders = new FixedErrorContext("tickets.changes", 0, 7, new RecordHeaders() {
            @Override
            public Iterator<Header> iterator() {
                throw new IllegalStateException("headers cannot be read");
            }
        }, "ticket-sync-processor", new TaskId(0, 0), 1_000L, value, value);

        assertThatThrownBy(() -> router.deadLetter(ErrorStage.PROCESSING, Reason.UNEXPECTED_EXCEPTION, unreadableHeaders,
                value, value, new IllegalStateException("bug"))).hasMessageContaining("headers cannot be read");
        assertThat(metrics.summary().deadLettered()).isEmpty();

        router.deadLetter(ErrorStage.PROCESSING, Reason.UNEXPECTED_EXCEPTION, FixedErrorContext.atSink(value), value, value,
                new IllegalStateException("bug"));
        assertThat(metrics.summary().deadLettered()).containsEntry("PROCESSING/unexpected-exception", 1L);
    }
}
