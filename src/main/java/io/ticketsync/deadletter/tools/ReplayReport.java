package io.ticketsync.deadletter.tools;

import java.util.List;

/**
 * What {@code dlq replay} did (or, on a dry run, would do).
 *
 * @param letters every letter sent (on a dry run: that would be sent), in the order sent
 */
public record ReplayReport(String filter, String target, String consumerGroup, boolean dryRun, long scanned,
                           long matched, long sent, long closed, long exhausted, long incomplete, List<LetterId> letters,
                           List<String> examples) {

    public String toText() {
        final StringBuilder text = new StringBuilder();
        text.append(dryRun ? "DRY RUN, nothing sent. " : "").append("Replay of dead letters (").append(filter)
                .append(") to ").append(target).append(" [progress kept by consumer group ").append(consumerGroup).append("]\n")
                .append("  scanned: ").append(scanned).append(" new dead letters\n")
                .append("  matched: ").append(matched).append('\n')
                .append(dryRun ? "  would send: " : "  sent: ").append(sent).append('\n')
                .append("  not sent, already resolved, discarded or replayed: ").append(closed).append('\n')
                .append("  not sent, replay limit reached: ").append(exhausted).append('\n')
                .append("  not sent, cut down to fit the DLQ (key, value or headers left out): ").append(incomplete).append('\n');
        examples.forEach(example -> text.append("    ").append(example).append('\n'));
        return text.toString();
    }
}
