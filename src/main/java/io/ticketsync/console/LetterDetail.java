package io.ticketsync.console;

import io.ticketsync.dlq.DeadLetter;
import io.ticketsync.dlq.LetterStatus;
import io.ticketsync.dlq.Resolution;

/** A whole letter, its status, and the decision that set it (null while open). */
public record LetterDetail(DeadLetter letter, LetterStatus status, Resolution resolution) {
}
