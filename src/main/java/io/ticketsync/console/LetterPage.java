package io.ticketsync.console;

import java.util.List;

/** One page of letters, how many match in all, and the cursor of the next page (null on the last). */
public record LetterPage(List<LetterSummary> letters, long matching, String nextCursor) {
}
