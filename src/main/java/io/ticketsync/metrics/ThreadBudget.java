package io.ticketsync.metrics;

/**
 * The budgets a replaced stream thread is charged to: the {@code budget} label of
 * {@code ticketsync_thread_replacements_total}, with the decisions each budget leads to. Listed
 * here so every series exists, at zero, before the first replacement.
 */
public enum ThreadBudget {
    /** Failures that may pass ({@code uncaught.replace.max}). */
    FAILURE("failure", UncaughtDecision.REPLACED_RECOVERABLE, UncaughtDecision.SHUT_DOWN_BUDGET_SPENT),
    /** Threads the cluster killed: an aborted or fenced transaction and the like ({@code uncaught.broker.replace.max}). */
    BROKER("broker", UncaughtDecision.REPLACED_BROKER_FAULT, UncaughtDecision.SHUT_DOWN_BROKER_BUDGET_SPENT);

    private final String label;
    private final UncaughtDecision replaced;
    private final UncaughtDecision spent;

    ThreadBudget(final String label, final UncaughtDecision replaced, final UncaughtDecision spent) {
        this.label = label;
        this.replaced = replaced;
        this.spent = spent;
    }

    public String label() {
        return label;
    }

    /** The decision when this budget pays for a replacement. */
    public UncaughtDecision replaced() {
        return replaced;
    }

    /** The decision when this budget is spent. */
    public UncaughtDecision spent() {
        return spent;
    }
}
