package io.ticketsync.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The console's front page.
 *
 * @param byReason counts per stage and reason, largest first
 * @param timeline letters per time bucket (by record timestamp), oldest first; each bucket counts
 *                 per {@code STAGE/reason}
 * @param newest   the newest letters, newest first
 * @param decisions what became of the resolutions topic's records
 */
public record Overview(long total, long open, List<ReasonCount> byReason, List<TimeBucket> timeline,
                       List<LetterSummary> newest, DecisionCounts decisions) {

    public Overview(final long total, final long open, final List<ReasonCount> byReason, final List<TimeBucket> timeline,
                    final List<LetterSummary> newest) {
        this(total, open, byReason, timeline, newest, DecisionCounts.NONE);
    }

    public record ReasonCount(String stage, String reason, long total, long open) {
    }

    public record TimeBucket(Instant start, Instant end, Map<String, Long> byStageReason) {
    }
}
