package io.ticketsync.runtime;

import io.ticketsync.metrics.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.testing.FakeClock;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

class UncaughtExceptionPolicyTest {

    private static final StreamsException RECOVERABLE = new StreamsException(new TimeoutException("broker slow"));

    private final FakeClock clock = new FakeClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FailureClassifier classifier = FailureClassifier.of(TestConfigs.defaults());

    @Test
    void shouldReplaceThreadWhileBudgetLastsThenShutDownClient() {
        final UncaughtExceptionPolicy policy = policy(3, Duration.ofMinutes(10));

        assertThat(List.of(policy.handle(RECOVERABLE), policy.handle(RECOVERABLE), policy.handle(RECOVERABLE)))
                .containsOnly(REPLACE_THREAD);
        assertThat(policy.handle(RECOVERABLE)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.lastShutdownCause()).contains("budget spent").contains("broker slow");
        assertThat(count(MetricNames.THREAD_REPLACEMENTS, Map.of())).isEqualTo(3);
        assertThat(count(MetricNames.UNCAUGHT_DECISIONS, Map.of("decision", "SHUTDOWN_CLIENT", "cause", "budget-spent")))
                .isEqualTo(1);
    }

    @Test
    void shouldRegainBudgetAsOldReplacementsLeaveTheWindow() {
        final UncaughtExceptionPolicy policy = policy(2, Duration.ofMinutes(10));
        policy.handle(RECOVERABLE);
        clock.advance(Duration.ofMinutes(6));
        policy.handle(RECOVERABLE);
        clock.advance(Duration.ofMinutes(5));

        assertThat(policy.handle(RECOVERABLE)).as("the first replacement left the window").isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(RECOVERABLE)).as("two within the last 10 minutes").isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldShutDownAtOnceForFatalFailureEvenWithBudgetLeft() {
        final UncaughtExceptionPolicy policy = policy(5, Duration.ofMinutes(10));

        assertThat(policy.handle(new StreamsException(new TopicAuthorizationException("no ACL")))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.handle(new OutOfMemoryError("heap"))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(count(MetricNames.UNCAUGHT_DECISIONS, Map.of("decision", "SHUTDOWN_CLIENT", "cause", "fatal")))
                .isEqualTo(2);
        assertThat(count(MetricNames.THREAD_REPLACEMENTS, Map.of())).isZero();
    }

    @Test
    void shouldShutDownOnFirstFailureWhenBudgetIsZero() {
        assertThat(policy(0, Duration.ofMinutes(1)).handle(RECOVERABLE)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldTreatConfiguredClassesAsFatal() {
        final FailureClassifier custom = FailureClassifier.of(TestConfigs.with(Map.of("uncaught.fatal.exceptions",
                "org.apache.kafka.common.errors.TimeoutException")));
        final UncaughtExceptionPolicy policy = new UncaughtExceptionPolicy(custom, 5, Duration.ofMinutes(1),
                new TicketSyncMetrics(registry), clock);

        assertThat(policy.handle(RECOVERABLE)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.handle(new StreamsException(new TopicAuthorizationException("no ACL"))))
                .as("no longer fatal once the list is replaced").isEqualTo(REPLACE_THREAD);
    }

    private UncaughtExceptionPolicy policy(final int max, final Duration window) {
        return new UncaughtExceptionPolicy(classifier, max, window, new TicketSyncMetrics(registry), clock);
    }

    private double count(final String name, final Map<String, String> tags) {
        final var search = registry.find(name);
        tags.forEach(search::tag);
        final var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }
}
