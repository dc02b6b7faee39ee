package io.ticketsync.console;

import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.ReplayRequest;

import java.time.Instant;

/**
 * A replay the console runs in the background: its progress while it runs, then its report or the
 * reason it failed with what it had sent by then. Immutable: {@link LetterActions#replay(String)}
 * returns the current state.
 *
 * @param committed letters sent and recorded before a failure (0 otherwise)
 */
public record ReplayJob(String id, ReplayRequest request, String actor, Instant started, State state, long read,
                        long total, ReplayReport report, String failure, long committed) {

    public enum State { RUNNING, DONE, FAILED }

    ReplayJob progressed(final long nowRead, final long nowTotal) {
        return new ReplayJob(id, request, actor, started, State.RUNNING, nowRead, nowTotal, null, null, 0);
    }

    ReplayJob done(final ReplayReport finished) {
        return new ReplayJob(id, request, actor, started, State.DONE, finished.scanned(), finished.scanned(), finished, null, 0);
    }

    ReplayJob failed(final String why, final long sent) {
        return new ReplayJob(id, request, actor, started, State.FAILED, read, total, null, why, sent);
    }
}
