package io.ticketsync.runtime;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsLifecycleTest {

    @Test
    void shouldTerminateWithStreamsFailedAndDetailWhenClientReachesError() throws InterruptedException {
        final StreamsLifecycle lifecycle = new StreamsLifecycle(() -> "budget spent");
        lifecycle.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(lifecycle.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();

        lifecycle.onChange(State.ERROR, State.PENDING_ERROR);

        assertThat(lifecycle.awaitTermination()).isEqualTo(new Termination(ExitCodes.STREAMS_FAILED,
                "Kafka Streams client is in ERROR: budget spent"));
    }

    @Test
    void shouldTerminateWithStreamsFailedWhenClientStopsUnasked() throws InterruptedException {
        final StreamsLifecycle lifecycle = new StreamsLifecycle(() -> null);
        lifecycle.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);

        assertThat(lifecycle.awaitTermination().exitCode()).isEqualTo(ExitCodes.STREAMS_FAILED);
    }

    @Test
    void shouldTerminateWithOkWhenStopIsRequestedAndIgnoreTheShutdownThatFollows() throws InterruptedException {
        final StreamsLifecycle lifecycle = new StreamsLifecycle(() -> null);
        lifecycle.requestStop("SIGTERM");
        lifecycle.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        lifecycle.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);

        assertThat(lifecycle.awaitTermination()).isEqualTo(new Termination(ExitCodes.OK, "SIGTERM"));
    }
}
