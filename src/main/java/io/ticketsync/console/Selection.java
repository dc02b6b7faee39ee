package io.ticketsync.console;

import io.ticketsync.dlq.DeadLetterFilter;
import io.ticketsync.dlq.LetterId;

import java.util.List;

/**
 * Letters an action applies to: the ones listed by id when {@code ids} is not empty, else those
 * matching {@code filter}; closed letters (resolved, discarded, replayed) only with {@code includeClosed}.
 */
public record Selection(List<LetterId> ids, DeadLetterFilter filter, boolean includeClosed) {

    public Selection {
        ids = List.copyOf(ids);
    }

    /** Stored with each resolution and written to the audit log. */
    public String describe() {
        return ids.isEmpty() ? filter.describe() + (includeClosed ? ",include-closed" : "") : "ids=" + ids;
    }
}
