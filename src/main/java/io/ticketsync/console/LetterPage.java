package io.ticketsync.console;

import java.util.List;

/**
 * One page of letters, how many match in all, and the cursor of the next page (null on the last).
 *
 * @param matchingCapped the index stopped counting at {@code matching}: more match
 */
public record LetterPage(List<LetterSummary> letters, long matching, String nextCursor, boolean matchingCapped) {

    public LetterPage(final List<LetterSummary> letters, final long matching, final String nextCursor) {
        this(letters, matching, nextCursor, false);
    }

    /** "1234", or "more than 100000" when the count was capped. */
    public String matchingText() {
        return matchingCapped ? "more than " + matching : String.valueOf(matching);
    }
}
