package io.ticketsync.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The few distinct kinds of letter (stage, reason, source topic, exception), numbered so the index
 * stores two bytes a letter instead of four strings, with how many letters of each are indexed and
 * open: the overview's counts without walking the letters. Not thread-safe: {@link LetterIndex} locks.
 */
final class LetterKinds {

    /** Kind numbers are stored as a {@code char}. */
    static final int MAX_KINDS = Character.MAX_VALUE + 1;

    record Kind(String stage, String reason, String sourceTopic, String exception) {
    }

    private final List<Kind> kinds = new ArrayList<>();
    private final Map<Kind, Integer> numbers = new HashMap<>();
    private long[] total = new long[16];
    private long[] open = new long[16];

    /** @throws IllegalStateException past {@link #MAX_KINDS} kinds: the index says so and retries rather than mislabel letters */
    int number(final String stage, final String reason, final String sourceTopic, final String exception) {
        final Kind kind = new Kind(stage, reason, sourceTopic, exception);
        final Integer known = numbers.get(kind);
        if (known != null) {
            return known;
        }
        if (kinds.size() == MAX_KINDS) {
            throw new IllegalStateException("more than " + MAX_KINDS + " distinct stage/reason/source topic/exception kinds");
        }
        kinds.add(kind);
        numbers.put(kind, kinds.size() - 1);
        if (kinds.size() > total.length) {
            total = Arrays.copyOf(total, total.length * 2);
            open = Arrays.copyOf(open, open.length * 2);
        }
        return kinds.size() - 1;
    }

    Kind kind(final int number) {
        return kinds.get(number);
    }

    int size() {
        return kinds.size();
    }

    void count(final int kind, final long letters, final long openLetters) {
        total[kind] += letters;
        open[kind] += openLetters;
    }

    long total(final int kind) {
        return total[kind];
    }

    long open(final int kind) {
        return open[kind];
    }

    /** Which kinds a stage and reason filter (null: any) selects, compared the way DeadLetterFilter compares them. */
    boolean[] matching(final String stage, final String reason) {
        final boolean[] matches = new boolean[kinds.size()];
        for (int i = 0; i < matches.length; i++) {
            final Kind kind = kinds.get(i);
            matches[i] = (stage == null || stage.equalsIgnoreCase(kind.stage()))
                    && (reason == null || reason.toLowerCase(Locale.ROOT).equals(kind.reason()));
        }
        return matches;
    }
}
