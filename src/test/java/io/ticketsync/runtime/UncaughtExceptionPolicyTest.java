package io.ticketsync.runtime;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketsync.config.ConfigKeys;
import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.metrics.MetricNames;
import io.ticketsync.metrics.ThreadBudget;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.testing.FakeClock;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

class UncaughtExceptionPolicyTest {

    /** A failure of ticket-sync's own that may pass: a state directory that could not be written. */
    private static final StreamsException RECOVERABLE = new StreamsException(new ProcessorStateException("disk full"));
    /** What Kafka Streams 4.3 hands the handler when the coordinator had aborted the transaction it commits. */
    private static final StreamsException ABORTED_BY_BROKER = new StreamsException(
            "Error encountered trying to commit a transaction", new InvalidTxnStateException("invalid state"));

    private final FakeClock clock = new FakeClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FailureClassifier classifier = FailureClassifier.of(TestConfigs.defaults());

    @Test
    void shouldReplaceThreadWhileBudgetLastsThenShutDownClient() {
        final UncaughtExceptionPolicy policy = policy(3, Duration.ofMinutes(10));

        assertThat(List.of(policy.handle(RECOVERABLE), policy.handle(RECOVERABLE), policy.handle(RECOVERABLE)))
                .containsOnly(REPLACE_THREAD);
        assertThat(policy.handle(RECOVERABLE)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.lastShutdownCause()).contains("budget spent").contains("uncaught.replace.max=3").contains("disk full");
        assertThat(replacements(ThreadBudget.FAILURE)).isEqualTo(3);
        assertThat(replacements(ThreadBudget.BROKER)).isZero();
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
    void shouldChargeATransactionTheBrokerAbortedOrFencedToTheBrokerBudgetWhenWrapped() {
        final UncaughtExceptionPolicy policy = policy(1, Duration.ofMinutes(10), 10, Duration.ofMinutes(10));
        final List<Throwable> brokerFaults = List.of(ABORTED_BY_BROKER,
                new StreamsException(new StreamsException(new ProducerFencedException("fenced"))),
                new TaskMigratedException("migrated", new ProducerFencedException("fenced")),
                new StreamsException(new TimeoutException("broker unreachable past task.timeout.ms")));

        assertThat(brokerFaults).allSatisfy(failure -> assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD));
        assertThat(replacements(ThreadBudget.BROKER)).isEqualTo(brokerFaults.size());
        assertThat(replacements(ThreadBudget.FAILURE)).as("nothing charged to the failure budget").isZero();
        assertThat(count(MetricNames.UNCAUGHT_DECISIONS, Map.of("decision", "REPLACE_THREAD", "cause", "broker-fault")))
                .isEqualTo(brokerFaults.size());
        assertThat(policy.handle(RECOVERABLE)).as("the failure budget of one is whole").isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(RECOVERABLE)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldShutDownNamingTheBrokerBudgetWhenItIsSpent() {
        final UncaughtExceptionPolicy policy = policy(3, Duration.ofMinutes(10), 2, Duration.ofMinutes(10));
        policy.handle(ABORTED_BY_BROKER);
        policy.handle(ABORTED_BY_BROKER);

        assertThat(policy.handle(ABORTED_BY_BROKER)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.lastShutdownCause()).contains("broker-fault replacement budget spent")
                .contains(ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX + "=2").contains("InvalidTxnStateException");
        assertThat(count(MetricNames.UNCAUGHT_DECISIONS, Map.of("decision", "SHUTDOWN_CLIENT", "cause", "broker-budget-spent")))
                .isEqualTo(1);
        assertThat(count(MetricNames.UNCAUGHT_DECISIONS, Map.of("decision", "SHUTDOWN_CLIENT", "cause", "budget-spent")))
                .isZero();
    }

    @Test
    void shouldStillChargeARealFailureToTheFailureBudgetWhileBrokerBudgetIsLeft() {
        final UncaughtExceptionPolicy policy = policy(0, Duration.ofMinutes(10), 10, Duration.ofMinutes(10));

        assertThat(policy.handle(new StreamsException(new KafkaException("our own failure")))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.lastShutdownCause()).startsWith("replacement budget spent");
        assertThat(replacements(ThreadBudget.BROKER)).isZero();
    }

    @Test
    void shouldShutDownAtOnceForFatalFailureEvenWithBudgetLeft() {
        final UncaughtExceptionPolicy policy = policy(5, Duration.ofMinutes(10));

        assertThat(policy.handle(new StreamsException(new TopicAuthorizationException("no ACL")))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.handle(new OutOfMemoryError("heap"))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(count(MetricNames.UNCAUGHT_DECISIONS, Map.of("decision", "SHUTDOWN_CLIENT", "cause", "fatal")))
                .isEqualTo(2);
        assertThat(replacements(ThreadBudget.FAILURE) + replacements(ThreadBudget.BROKER)).isZero();
    }

    @Test
    void shouldShutDownOnFirstFailureWhenBudgetIsZero() {
        assertThat(policy(0, Duration.ofMinutes(1)).handle(RECOVERABLE)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldTreatConfiguredClassesAsFatal() {
        final FailureClassifier custom = FailureClassifier.of(TestConfigs.with(Map.of("uncaught.fatal.exceptions",
                "org.apache.kafka.common.errors.InvalidTxnStateException")));
        final UncaughtExceptionPolicy policy = new UncaughtExceptionPolicy(custom, TestConfigs.defaults().guards(),
                new TicketSyncMetrics(registry), clock);

        assertThat(policy.handle(ABORTED_BY_BROKER)).as("fatal wins over broker fault").isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.handle(new StreamsException(new TopicAuthorizationException("no ACL"))))
                .as("no longer fatal once the list is replaced").isEqualTo(REPLACE_THREAD);
    }

    private UncaughtExceptionPolicy policy(final int max, final Duration window) {
        return policy(max, window, 10, Duration.ofMinutes(10));
    }

    private UncaughtExceptionPolicy policy(final int max, final Duration window, final int brokerMax,
                                           final Duration brokerWindow) {
        return new UncaughtExceptionPolicy(classifier,
                new ReplacementBudget(ThreadBudget.FAILURE, ConfigKeys.UNCAUGHT_REPLACE_MAX, max, window, clock),
                new ReplacementBudget(ThreadBudget.BROKER, ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX, brokerMax, brokerWindow,
                        clock),
                new TicketSyncMetrics(registry));
    }

    private double replacements(final ThreadBudget budget) {
        return count(MetricNames.THREAD_REPLACEMENTS, Map.of("budget", budget.label()));
    }

    private double count(final String name, final Map<String, String> tags) {
        final var search = registry.find(name);
        tags.forEach(search::tag);
        final var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }
}
