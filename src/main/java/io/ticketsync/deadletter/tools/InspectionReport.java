package io.ticketsync.deadletter.tools;

import java.time.Instant;
import java.util.List;

/**
 * What {@code dlq inspect} found: counts per stage and reason, with where, when and examples.
 *
 * @param closedLeftOut letters that match but were left out as resolved, discarded or replayed
 * @param problems      decisions that could not be applied (see {@link DecisionProblems})
 */
public record InspectionReport(String topic, String filter, long read, long matched, long closedLeftOut, List<Group> groups,
                               List<String> problems) {

    /** All matching dead letters of one stage and reason. */
    public record Group(String stage, String reason, long count, String firstOffset, String lastOffset,
                       Instant firstTimestamp, Instant lastTimestamp, List<Sample> samples) {
    }

    /** One dead letter shown as an example; {@code traceparent} is null when the record carried none. */
    public record Sample(String dlqOffset, String source, String key, String value, String error, int replayCount,
                         String traceparent) {
    }

    /** The report as a person reads it. */
    public String toText() {
        final StringBuilder text = new StringBuilder();
        text.append("Dead letters in ").append(topic).append(": ").append(read).append(" read, ").append(matched)
                .append(" match (").append(filter).append(")\n");
        if (closedLeftOut > 0) {
            text.append(closedLeftOut).append(" more match but are resolved, discarded or replayed (--include-closed shows them)\n");
        }
        for (final Group group : groups) {
            text.append(String.format("%n%-16s %-24s %6d   offsets %s .. %s   %s .. %s%n", group.stage(), group.reason(),
                    group.count(), group.firstOffset(), group.lastOffset(), group.firstTimestamp(), group.lastTimestamp()));
            for (final Sample sample : group.samples()) {
                text.append("    ").append(sample.dlqOffset()).append(" from ").append(sample.source())
                        .append(" key=").append(sample.key()).append(sample.replayCount() > 0 ? " replays=" + sample.replayCount() : "")
                        .append("\n      value: ").append(sample.value())
                        .append("\n      error: ").append(sample.error())
                        .append(sample.traceparent() == null ? "" : "\n      trace: " + sample.traceparent()).append('\n');
            }
        }
        problems.forEach(problem -> text.append("WARNING: ").append(problem).append('\n'));
        return text.toString();
    }
}
