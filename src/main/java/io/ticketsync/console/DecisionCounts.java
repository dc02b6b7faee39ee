package io.ticketsync.console;

import java.util.List;

/**
 * What became of the resolutions topic's records, for the overview.
 *
 * @param applied    decisions now on a letter of the topic
 * @param mismatched decisions about a letter that has another fingerprint (another letter at those coordinates): ignored
 * @param unmatched  decisions about a letter that is not in the topic (deleted, or never there): dropped
 * @param pending    decisions waiting for their letter to be read
 * @param foreign    decisions about another dead-letter topic (deleted and recreated, or legacy ones): ignored
 * @param invalid    records that could not be read: skipped
 * @param problems   the last few reasons records could not be read, newest last
 */
public record DecisionCounts(long applied, long mismatched, long unmatched, long pending, long foreign, long invalid,
                             List<String> problems) {

    public static final DecisionCounts NONE = new DecisionCounts(0, 0, 0, 0, 0, 0, List.of());

    // For the overview's template, whose sections take a zero as true.
    public boolean hasInvalid() {
        return invalid > 0;
    }

    public boolean hasForeign() {
        return foreign > 0;
    }

    public boolean hasMismatched() {
        return mismatched > 0;
    }

    public boolean hasUnmatched() {
        return unmatched > 0;
    }

    public boolean hasPending() {
        return pending > 0;
    }
}
