package io.ticketsync.deadletter.tools;

import java.util.List;
import java.util.Map;

/**
 * What a transform replay did, or (dry run) would do, by outcome.
 *
 * @param applies          transformed letters a running instance would apply (dry run; sending: letters sent)
 * @param stale            transformed letters it would skip as stale (dry run)
 * @param failing          transformed letters that would be dead-lettered again, by reason (dry run)
 * @param notTransformable letters the rules cannot be applied to (not sent), with the first few reasons
 * @param unchanged        letters the rules do not change (not sent)
 * @param samples          the first few transformed letters, before and after
 */
public record TransformSummary(String rulesHash, long applies, long stale, Map<String, Long> failing,
                               long notTransformable, List<String> notTransformableWhy, long unchanged,
                               List<Sample> samples) {

    /** One transformed letter: what changed, and (dry run) what a running instance would do with it. */
    public record Sample(String letter, String key, List<String> changes, String outcome) {
        public Sample {
            changes = List.copyOf(changes);
        }
    }

    public TransformSummary {
        failing = Map.copyOf(failing);
        notTransformableWhy = List.copyOf(notTransformableWhy);
        samples = List.copyOf(samples);
    }

    public long failingTotal() {
        return failing.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Letters that would fail again for one reason. */
    public record ReasonCount(String reason, long count) {
    }

    /** The failing counts by reason, in the reasons' order, for reports and templates. */
    public List<ReasonCount> failingByReason() {
        return new java.util.TreeMap<>(failing).entrySet().stream()
                .map(entry -> new ReasonCount(entry.getKey(), entry.getValue())).toList();
    }

    void appendTo(final StringBuilder text, final boolean dryRun) {
        text.append("  transform rules ").append(rulesHash).append(":\n");
        if (dryRun) {
            text.append("    would apply: ").append(applies).append('\n')
                    .append("    stale (a newer version is applied; skipped): ").append(stale).append('\n')
                    .append("    would fail again: ").append(failingTotal()).append('\n');
            failingByReason().forEach(reason -> text.append("      ").append(reason.reason()).append(": ")
                    .append(reason.count()).append('\n'));
        }
        text.append("    not sent, not transformable: ").append(notTransformable).append('\n');
        notTransformableWhy.forEach(why -> text.append("      ").append(why).append('\n'));
        text.append("    not sent, unchanged by the rules: ").append(unchanged).append('\n');
        for (final Sample sample : samples) {
            text.append("    ").append(sample.letter()).append(" key=").append(sample.key())
                    .append(sample.outcome() == null ? "" : " (" + sample.outcome() + ")").append('\n');
            sample.changes().forEach(change -> text.append("      ").append(change).append('\n'));
        }
    }
}
