package io.ticketsync.deadletter.tools;

import java.time.Instant;
import java.util.List;

/**
 * One decision about one dead letter, as recorded (JSON value, key {@link LetterId#toString()}) in the
 * compacted resolutions topic: who decided what, when, about which selection, and why.
 *
 * @param selection the filter or list the action was taken on (DeadLetterFilter#describe(), or "ids")
 * @param note      free text from the operator; may be empty
 * @param edit      for a letter edited before it was sent: field by field, how its value was changed
 *                  ({@code path: before -> after}); empty otherwise, and in every record written before edits
 */
public record Resolution(LetterId letter, LetterStatus status, String actor, Instant at, String selection, String note,
                         List<String> edit) {

    public Resolution {
        edit = List.copyOf(edit);
    }

    /** A decision that changed nothing in the letter. */
    public Resolution(final LetterId letter, final LetterStatus status, final String actor, final Instant at,
                      final String selection, final String note) {
        this(letter, status, actor, at, selection, note, List.of());
    }
}
