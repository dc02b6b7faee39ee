package io.ticketsync.deadletter.tools;

import java.util.List;

/**
 * What {@code dlq replay} did (or, on a dry run, would do).
 *
 * @param planned  letters the plan showed (-1 when the replay was not made from a dry run's plan)
 * @param gone     planned letters no longer in the topic (retention)
 * @param changed  planned letters whose place now holds another letter
 * @param letters  the first {@link ReplayRun#LISTED} letters sent (on a dry run: that would be sent), in order
 * @param problems decisions that could not be applied (see {@link DecisionProblems})
 * @param plan     a dry run's plan, for the confirm step; null otherwise
 * @param transform by outcome, what transform rules did (would do); null for a replay without them
 */
public record ReplayReport(String filter, String target, String consumerGroup, boolean dryRun, long scanned,
                           long matched, long sent, long closed, long discarded, long exhausted, long incomplete,
                           long planned, long gone, long changed, List<LetterId> letters, List<String> examples,
                           List<String> problems, ReplayPlan plan, TransformSummary transform) {

    /** A report of a replay without transform rules. */
    public ReplayReport(final String filter, final String target, final String consumerGroup, final boolean dryRun,
                        final long scanned, final long matched, final long sent, final long closed, final long discarded,
                        final long exhausted, final long incomplete, final long planned, final long gone, final long changed,
                        final List<LetterId> letters, final List<String> examples, final List<String> problems,
                        final ReplayPlan plan) {
        this(filter, target, consumerGroup, dryRun, scanned, matched, sent, closed, discarded, exhausted, incomplete, planned,
                gone, changed, letters, examples, problems, plan, null);
    }

    /** Whether the replay sent other than what its plan showed. */
    public boolean differsFromPlan() {
        return planned >= 0 && planned != sent;
    }

    public String toText() {
        final StringBuilder text = new StringBuilder();
        text.append(dryRun ? "DRY RUN, nothing sent. " : "").append("Replay of dead letters (").append(filter)
                .append(") to ").append(target).append(" [progress kept by consumer group ").append(consumerGroup).append("]\n")
                .append("  scanned: ").append(scanned).append(planned >= 0 ? " planned dead letters\n" : " new dead letters\n")
                .append("  matched: ").append(matched).append('\n')
                .append(dryRun ? "  would send: " : "  sent: ").append(sent).append('\n');
        if (planned >= 0) {
            text.append("  the plan showed: ").append(planned).append(differsFromPlan() ? " (DIFFERENT, see below)" : "").append('\n');
        }
        text.append("  not sent, already resolved or replayed: ").append(closed).append('\n')
                .append("  not sent, discarded (--include-discarded sends them): ").append(discarded).append('\n')
                .append("  not sent, replay limit reached: ").append(exhausted).append('\n')
                .append("  not sent, cut down to fit the DLQ (key, value or headers left out): ").append(incomplete).append('\n');
        if (gone > 0 || changed > 0) {
            text.append("  not sent, gone from the topic since the plan: ").append(gone).append('\n')
                    .append("  not sent, another letter at its place since the plan: ").append(changed).append('\n');
        }
        if (transform != null) {
            transform.appendTo(text, dryRun);
        }
        examples.forEach(example -> text.append("    ").append(example).append('\n'));
        problems.forEach(problem -> text.append("  WARNING: ").append(problem).append('\n'));
        return text.toString();
    }
}
