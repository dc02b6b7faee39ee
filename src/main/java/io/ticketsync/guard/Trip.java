package io.ticketsync.guard;

import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;

/**
 * Why the dead-letter surge brake tripped: {@code count} of the last {@code window} outcomes that
 * were not stale were dead letters of this scope (one stage/reason, one stage, or all), at least
 * {@code threshold} of them.
 *
 * @param stage          the stage, unless the scope is ALL
 * @param reason         the reason, when the scope is REASON
 * @param shares         every stage/reason in the window with its count, largest first
 * @param staleSkipped   stale duplicates skipped meanwhile, which the window does not count
 * @param deadLetterSpan where the dead letters came from: first and last input offset per partition
 * @param deadLetters    all dead letters in the window, whatever their stage and reason
 * @param mostly         the reason with the largest share of them
 */
public record Trip(Scope scope, ErrorStage stage, Reason reason, int count, int window, double threshold,
                   String shares, long staleSkipped, String deadLetterSpan, int deadLetters, Reason mostly) {

    /** What reached its threshold. */
    public enum Scope { REASON, STAGE, ALL }

    /** E.g. "unmapped-status (PROCESSING): 60 of the last 100 records (threshold 0.5)". */
    public String describe() {
        final String what = switch (scope) {
            case REASON -> reason.code() + " (" + stage + ")";
            case STAGE -> "all " + stage + " reasons";
            case ALL -> "all dead letters";
        };
        return what + ": " + count + " of the last " + window + " records (threshold " + threshold + "); by reason: "
                + shares + "; " + staleSkipped + " stale skipped apart; dead letters from " + deadLetterSpan;
    }

    /** The reason to replay once the cause is fixed, when one reason is to blame. */
    public String replayHint() {
        return scope == Scope.REASON ? "`dlq replay --reason " + reason.code() + "`" : "`dlq replay` by stage or reason";
    }
}
