package io.ticketsync.deadletter.tools;

import java.time.Instant;

/**
 * One decision about one dead letter, as recorded (JSON value, key {@link LetterId#toString()}) in the
 * compacted resolutions topic: who decided what, when, about which selection, and why.
 *
 * @param selection the filter or list the action was taken on (DeadLetterFilter#describe(), or "ids")
 * @param note      free text from the operator; may be empty
 */
public record Resolution(LetterId letter, LetterStatus status, String actor, Instant at, String selection, String note) {
}
