package io.ticketsync.deadletter.tools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What could not be applied from the resolutions topic, told rather than hidden: unreadable
 * records, decisions about another dead-letter topic (deleted and recreated, mirrored, or another
 * DLQ sharing the resolutions topic), and decisions
 * whose letter is not the one at their place now. Thread-safe.
 */
public final class DecisionProblems {

    /** The first few unreadable records are named; the rest only counted. */
    static final int EXAMPLES = 5;

    private final List<String> examples = new ArrayList<>();
    private final Set<LetterId> mismatchedLetters = new HashSet<>();
    private long invalid;
    private long foreign;

    synchronized void invalid(final String problem) {
        invalid++;
        if (examples.size() < EXAMPLES) {
            examples.add(problem);
        }
    }

    synchronized void countForeign() {
        foreign++;
    }

    synchronized void mismatched(final LetterId letter) {
        mismatchedLetters.add(letter);
    }

    public synchronized long invalid() {
        return invalid;
    }

    public synchronized long foreign() {
        return foreign;
    }

    public synchronized long mismatched() {
        return mismatchedLetters.size();
    }

    public synchronized boolean any() {
        return invalid + foreign + mismatchedLetters.size() > 0;
    }

    /** Lines for a report: empty when there is nothing to tell. */
    public synchronized List<String> describe() {
        final List<String> lines = new ArrayList<>();
        if (invalid > 0) {
            lines.add(invalid + " resolution record(s) could not be read and were skipped (their letters count as open): "
                    + String.join("; ", examples));
        }
        if (foreign > 0) {
            lines.add(foreign + " decision(s) are about another dead-letter topic (deleted and recreated, mirrored,"
                    + " or another DLQ sharing the resolutions topic) and were ignored");
        }
        if (!mismatchedLetters.isEmpty()) {
            lines.add(mismatchedLetters.size() + " decision(s) were made about another letter at the same place"
                    + " (the topic was recreated?) and were ignored");
        }
        return lines;
    }
}
