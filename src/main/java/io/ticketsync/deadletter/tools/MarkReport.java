package io.ticketsync.deadletter.tools;

import java.util.List;

/**
 * What a mark recorded.
 *
 * @param decided  the first {@link LetterMarker#LISTED} decisions recorded, for a caller to apply at once
 * @param problems decisions that could not be applied (see {@link DecisionProblems})
 */
public record MarkReport(long marked, List<DecisionRecord.Decided> decided, List<LetterId> missing, List<String> problems) {
}
