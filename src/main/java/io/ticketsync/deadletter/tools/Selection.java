package io.ticketsync.deadletter.tools;


import java.util.List;

/**
 * Letters an action applies to: the ones listed by id when {@code ids} is not empty, else those
 * matching {@code filter}; closed letters (resolved, discarded, replayed) only with {@code includeClosed}.
 */
public record Selection(List<LetterId> ids, DeadLetterFilter filter, boolean includeClosed) {

    public Selection {
        ids = List.copyOf(ids);
    }

    public static Selection of(final DeadLetterFilter filter, final boolean includeClosed) {
        return new Selection(List.of(), filter, includeClosed);
    }

    /** Whether the letter (at {@code id}) is selected, its status aside. */
    public boolean selects(final LetterId id, final DeadLetter letter) {
        return ids.isEmpty() ? filter.matches(letter) : ids.contains(id);
    }

    /** Stored with each resolution and written to the audit log. */
    public String describe() {
        return ids.isEmpty() ? filter.describe() + (includeClosed ? ",include-closed" : "") : "ids=" + ids;
    }
}
