package io.ticketsync.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Turns Kafka Streams state changes into the application's end: ERROR, or NOT_RUNNING without a
 * stop request, terminates with {@link ExitCodes#STREAMS_FAILED}; a stop request terminates with
 * {@link ExitCodes#OK}. The first termination wins; the runner waits for it.
 */
final class StreamsLifecycle implements KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsLifecycle.class);

    private final Supplier<String> failureDetail;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicReference<Termination> termination = new AtomicReference<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    /** @param failureDetail why the client failed, as far as the uncaught-exception policy knows */
    StreamsLifecycle(final Supplier<String> failureDetail) {
        this.failureDetail = failureDetail;
    }

    @Override
    public void onChange(final State newState, final State oldState) {
        LOG.info("Kafka Streams state {} -> {}", oldState, newState);
        // PENDING_ERROR is a failure too, but the app ends only once the client has reached ERROR.
        if (newState != State.PENDING_ERROR) {
            failureOf(newState).ifPresent(why -> terminate(new Termination(ExitCodes.STREAMS_FAILED, why)));
        }
    }

    /** Why {@code state} means the client has failed, or empty when it has not. */
    Optional<String> failureOf(final State state) {
        if (state == State.ERROR || state == State.PENDING_ERROR) {
            final String detail = failureDetail.get();
            return Optional.of("Kafka Streams client is in " + state + (detail == null ? "" : ": " + detail));
        }
        if (state == State.NOT_RUNNING && !stopRequested.get()) {
            return Optional.of("Kafka Streams client stopped without a stop request");
        }
        return Optional.empty();
    }

    /** Ends the application with {@code termination} (unless it is already ending). */
    void fail(final Termination termination) {
        terminate(termination);
    }

    void requestStop(final String why) {
        stopRequested.set(true);
        terminate(new Termination(ExitCodes.OK, why));
    }

    boolean stopRequested() {
        return stopRequested.get();
    }

    Termination awaitTermination() throws InterruptedException {
        terminated.await();
        return termination.get();
    }

    boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private void terminate(final Termination candidate) {
        if (termination.compareAndSet(null, candidate)) {
            terminated.countDown();
        }
    }
}
