package io.ticketsync.console;

import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.ReplayRequest;

import java.time.Instant;

/**
 * A replay the console runs in the background: its progress while it runs, then its report or the
 * reason it failed. Immutable: {@link LetterActions#replay(String)} returns the current state.
 */
public record ReplayJob(String id, ReplayRequest request, String actor, Instant started, State state, long read,
                        long total, ReplayReport report, String failure) {

    public enum State { RUNNING, DONE, FAILED }
}
