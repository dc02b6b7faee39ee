package io.ticketsync.deadletter.tools;

import java.util.List;
import java.util.Optional;

/**
 * What a change would do, as {@link ChangeCheck} answers it.
 *
 * @param outcome  applies, skipped as stale, or dead-lettered again
 * @param version  the version it would apply as (APPLIES), or the stored version it is stale against (STALE)
 * @param reason   the dead-letter reason (DEAD_LETTER), e.g. {@code unmapped-status}
 * @param message  a human-readable explanation (the error message for DEAD_LETTER)
 * @param current  the ticket's stored snapshot as JSON text, if it has one
 * @param after    the snapshot the change would produce as JSON text (APPLIES; empty for a DELETE)
 * @param diff     field by field, what would change: {@code path: before -> after}
 */
public record CheckResult(Outcome outcome, Optional<Long> version, Optional<String> reason, String message,
                          Optional<String> current, Optional<String> after, List<String> diff) {

    /** What a change would do. */
    public enum Outcome { APPLIES, STALE, DEAD_LETTER }

    public CheckResult {
        diff = List.copyOf(diff);
    }
}
