package io.ticketsync.deadletter.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts a transform replay's letters by outcome and keeps a few samples, for its {@link TransformSummary}. */
final class TransformTally {

    private static final int SAMPLES = 5;
    private static final int REASONS = 5;

    private final String rulesHash;
    private final Map<String, Long> failing = new HashMap<>();
    private final List<String> notTransformableWhy = new ArrayList<>();
    private final List<TransformSummary.Sample> samples = new ArrayList<>();
    private long applies;
    private long stale;
    private long notTransformable;
    private long unchanged;

    TransformTally(final String rulesHash) {
        this.rulesHash = rulesHash;
    }

    /** A letter the rules left alone or could not be applied to. */
    void skipped(final LetterId id, final Transformed transformed) {
        if (transformed.kind() == Transformed.Kind.UNCHANGED) {
            unchanged++;
            return;
        }
        notTransformable++;
        if (notTransformableWhy.size() < REASONS) {
            notTransformableWhy.add(id + ": " + transformed.why());
        }
    }

    /** A transformed letter; {@code check} is what a running instance said of it (null when sending). */
    void transformed(final LetterId id, final String key, final Transformed transformed, final CheckResult check) {
        String outcome = null;
        if (check == null || check.outcome() == CheckResult.Outcome.APPLIES) {
            applies++;
            outcome = check == null ? null : "would apply" + check.version().map(version -> " as version " + version).orElse("");
        } else if (check.outcome() == CheckResult.Outcome.STALE) {
            stale++;
            outcome = "stale" + check.version().map(version -> " against stored version " + version).orElse("");
        } else {
            final String reason = check.reason().orElse("unknown");
            failing.merge(reason, 1L, Long::sum);
            outcome = "would fail again: " + reason + " " + check.message();
        }
        if (samples.size() < SAMPLES) {
            samples.add(new TransformSummary.Sample(id.toString(), key, transformed.changes(), outcome));
        }
    }

    TransformSummary summary() {
        return new TransformSummary(rulesHash, applies, stale, failing, notTransformable, notTransformableWhy, unchanged, samples);
    }
}
