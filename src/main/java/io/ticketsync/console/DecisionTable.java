package io.ticketsync.console;

import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Resolution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decisions without their letter (status, actor, time, selection, note, an edit's diff), each distinct one stored
 * once and numbered from 1: one mark of a million letters is one entry, and a letter holds only its
 * number (0: open). Entries are never dropped; there is one per operator action, not per letter.
 * Not thread-safe: {@link LetterIndex} locks.
 */
final class DecisionTable {

    private record Decision(LetterStatus status, String actor, Instant at, String selection, String note, List<String> edit) {
    }

    private final List<Decision> decisions = new ArrayList<>();
    private final Map<Decision, Integer> numbers = new HashMap<>();

    /** The number of this decision, 0 for an open status. */
    int number(final Resolution resolution) {
        if (resolution.status().isOpen()) {
            return 0;
        }
        final Decision decision = new Decision(resolution.status(), resolution.actor(), resolution.at(), resolution.selection(),
                resolution.note(), resolution.edit());
        return numbers.computeIfAbsent(decision, added -> {
            decisions.add(added);
            return decisions.size();
        });
    }

    LetterStatus status(final int number) {
        return number == 0 ? LetterStatus.OPEN : decisions.get(number - 1).status();
    }

    /** The decision numbered {@code number} about {@code letter}; null for 0. */
    Resolution resolution(final int number, final LetterId letter) {
        if (number == 0) {
            return null;
        }
        final Decision decision = decisions.get(number - 1);
        return new Resolution(letter, decision.status(), decision.actor(), decision.at(), decision.selection(), decision.note(),
                decision.edit());
    }

    void clear() {
        decisions.clear();
        numbers.clear();
    }
}
