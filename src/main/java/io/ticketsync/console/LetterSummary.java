package io.ticketsync.console;

import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;

import java.time.Instant;

/** What the index keeps of one letter: enough to list, filter and count it, not its key or value bytes. */
public record LetterSummary(LetterId id, Instant timestamp, String stage, String reason, String ticketId,
                            String sourceTopic, int sourcePartition, long sourceOffset, int replayCount,
                            String exception, LetterStatus status) {
}
