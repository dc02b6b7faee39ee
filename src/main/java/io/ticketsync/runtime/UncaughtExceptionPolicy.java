package io.ticketsync.runtime;

import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.failure.FailureKind;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.metrics.UncaughtDecision;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Decides what happens when a stream thread dies: replace it while the failure may pass and the
 * replacement budget lasts, otherwise shut the client down (which makes the process exit non-zero).
 * Every decision is logged with the exception and counted.
 */
public final class UncaughtExceptionPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtExceptionPolicy.class);

    private final FailureClassifier classifier;
    private final ReplacementBudget budget;
    private final TicketSyncMetrics metrics;
    private final AtomicReference<String> lastShutdownCause = new AtomicReference<>();
    private final ReplacedThreads replaced = new ReplacedThreads();

    UncaughtExceptionPolicy(final FailureClassifier classifier, final ReplacementBudget budget,
                            final TicketSyncMetrics metrics) {
        this.classifier = classifier;
        this.budget = budget;
        this.metrics = metrics;
    }

    public UncaughtExceptionPolicy(final FailureClassifier classifier, final int maxReplacements, final Duration window,
                                   final TicketSyncMetrics metrics, final LongSupplier nanoClock) {
        this(classifier, new ReplacementBudget(maxReplacements, window, nanoClock), metrics);
    }

    @Override
    public StreamThreadExceptionResponse handle(final Throwable exception) {
        final String thread = Thread.currentThread().getName();
        if (classifier.classify(exception).kind() == FailureKind.FATAL) {
            return shutDown(UncaughtDecision.SHUT_DOWN_FATAL, "fatal failure in " + thread + ": " + exception, exception);
        }
        if (!budget.tryAcquire()) {
            return shutDown(UncaughtDecision.SHUT_DOWN_BUDGET_SPENT, "replacement budget spent (" + budget.max()
                    + " within the window), last failure in " + thread + ": " + exception, exception);
        }
        LOG.warn("Stream thread {} died; replacing it ({} of {} replacements used in the window)",
                thread, budget.usedInWindow(), budget.max(), exception);
        metrics.uncaughtDecision(UncaughtDecision.REPLACED_RECOVERABLE);
        metrics.threadReplaced();
        replaced.mark(Thread.currentThread());
        return UncaughtDecision.REPLACED_RECOVERABLE.response();
    }

    /** The threads this policy is replacing, for the consumers that must leave the group as those threads close. */
    ReplacedThreads replacedThreads() {
        return replaced;
    }

    /** Why the client was shut down, when this policy shut it down. */
    public String lastShutdownCause() {
        return lastShutdownCause.get();
    }

    private StreamThreadExceptionResponse shutDown(final UncaughtDecision decision, final String why,
                                                   final Throwable exception) {
        LOG.error("Shutting down the Kafka Streams client: {}", why, exception);
        lastShutdownCause.set(why);
        metrics.uncaughtDecision(decision);
        return decision.response();
    }
}
