package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Resolution;

/** A whole letter, its status, and the decision that set it (null while open). */
public record LetterDetail(DeadLetter letter, LetterStatus status, Resolution resolution) {
}
