package io.ticketsync.console;

import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.SendProgress;

import java.time.Instant;

/**
 * A replay the console runs in the background: its progress while it runs, then its report or the
 * reason it failed with what it had sent by then. Immutable: {@link LetterActions#replay(String)}
 * returns the current state.
 *
 * @param committed letters sent and recorded before a failure (0 otherwise)
 * @param sending   how the sending goes (sent, remaining, rate, estimate), once it has started; else null
 */
public record ReplayJob(String id, ReplayRequest request, String actor, Instant started, State state, long read,
                        long total, ReplayReport report, String failure, long committed, SendProgress sending) {

    public enum State { RUNNING, DONE, FAILED }

    public ReplayJob(final String id, final ReplayRequest request, final String actor, final Instant started, final State state,
                     final long read, final long total, final ReplayReport report, final String failure, final long committed) {
        this(id, request, actor, started, state, read, total, report, failure, committed, null);
    }

    ReplayJob progressed(final long nowRead, final long nowTotal) {
        return new ReplayJob(id, request, actor, started, State.RUNNING, nowRead, nowTotal, null, null, 0, sending);
    }

    ReplayJob sent(final SendProgress now) {
        return new ReplayJob(id, request, actor, started, state, read, total, report, failure, committed, now);
    }

    ReplayJob done(final ReplayReport finished) {
        return new ReplayJob(id, request, actor, started, State.DONE, finished.scanned(), finished.scanned(), finished, null, 0,
                sending);
    }

    ReplayJob failed(final String why, final long sent) {
        return new ReplayJob(id, request, actor, started, State.FAILED, read, total, null, why, sent, sending);
    }
}
