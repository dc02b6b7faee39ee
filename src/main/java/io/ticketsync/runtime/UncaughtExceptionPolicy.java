package io.ticketsync.runtime;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.FailureGuards;
import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.failure.FailureKind;
import io.ticketsync.metrics.ThreadBudget;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.metrics.UncaughtDecision;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Decides what happens when a stream thread dies: replace it while the failure may pass and its
 * budget lasts, otherwise shut the client down (which makes the process exit non-zero). A thread
 * the cluster killed (a broker fault: the broker aborted or fenced its transaction) is charged to
 * the broker-fault budget, any other failure that may pass to the failure budget, so that broker
 * failovers, which exactly_once_v2 rides out, do not use up the budget meant for failures of our
 * own. Every decision is logged with the exception and counted.
 */
public final class UncaughtExceptionPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtExceptionPolicy.class);

    private final FailureClassifier classifier;
    private final ReplacementBudget failureBudget;
    private final ReplacementBudget brokerBudget;
    private final TicketSyncMetrics metrics;
    private final AtomicReference<String> lastShutdownCause = new AtomicReference<>();
    private final ReplacedThreads replaced = new ReplacedThreads();

    UncaughtExceptionPolicy(final FailureClassifier classifier, final ReplacementBudget failureBudget,
                            final ReplacementBudget brokerBudget, final TicketSyncMetrics metrics) {
        this.classifier = classifier;
        this.failureBudget = failureBudget;
        this.brokerBudget = brokerBudget;
        this.metrics = metrics;
    }

    public UncaughtExceptionPolicy(final FailureClassifier classifier, final FailureGuards guards,
                                   final TicketSyncMetrics metrics, final LongSupplier nanoClock) {
        this(classifier,
                new ReplacementBudget(ThreadBudget.FAILURE, ConfigKeys.UNCAUGHT_REPLACE_MAX, guards.replaceMax(),
                        guards.replaceWindow(), nanoClock),
                new ReplacementBudget(ThreadBudget.BROKER, ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX, guards.brokerReplaceMax(),
                        guards.brokerReplaceWindow(), nanoClock),
                metrics);
    }

    @Override
    public StreamThreadExceptionResponse handle(final Throwable exception) {
        final String thread = Thread.currentThread().getName();
        final FailureKind kind = classifier.classify(exception).kind();
        if (kind == FailureKind.FATAL) {
            return shutDown(UncaughtDecision.SHUT_DOWN_FATAL, "fatal failure in " + thread + ": " + exception, exception);
        }
        final ReplacementBudget budget = kind == FailureKind.BROKER_FAULT ? brokerBudget : failureBudget;
        if (!budget.tryAcquire()) {
            return shutDown(budget.kind().spent(), budget.name() + " spent (" + budget.limit() + "), last failure in "
                    + thread + ": " + exception + rootCause(exception), exception);
        }
        LOG.warn("Stream thread {} died ({}); replacing it, charged to the {} ({} used of {})",
                thread, kind, budget.name(), budget.usedInWindow(), budget.limit(), exception);
        metrics.uncaughtDecision(budget.kind().replaced());
        metrics.threadReplaced(budget.kind());
        replaced.mark(Thread.currentThread());
        return budget.kind().replaced().response();
    }

    /** The threads this policy is replacing, for the consumers that must leave the group as those threads close. */
    ReplacedThreads replacedThreads() {
        return replaced;
    }

    /** Why the client was shut down, when this policy shut it down. */
    public String lastShutdownCause() {
        return lastShutdownCause.get();
    }

    /** Kafka Streams' wrapper says little ("Error encountered trying to commit a transaction"); its root cause says what. */
    private static String rootCause(final Throwable exception) {
        Throwable root = exception;
        int depth = 0;
        // The depth bound guards against cause cycles.
        while (root.getCause() != null && root.getCause() != root && depth++ < 32) {
            root = root.getCause();
        }
        return root == exception ? "" : " (caused by " + root + ")";
    }

    private StreamThreadExceptionResponse shutDown(final UncaughtDecision decision, final String why,
                                                   final Throwable exception) {
        LOG.error("Shutting down the Kafka Streams client: {}", why, exception);
        lastShutdownCause.set(why);
        metrics.uncaughtDecision(decision);
        return decision.response();
    }
}
