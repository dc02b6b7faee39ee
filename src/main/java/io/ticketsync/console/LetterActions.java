package io.ticketsync.console;

import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Selection;
import io.ticketsync.deadletter.tools.ReplayRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** What an operator can do with dead letters; every method records who did it. */
public interface LetterActions {

    /**
     * Records {@code status} (RESOLVED or DISCARDED) with {@code note} for every open letter of the
     * selection, durably in the resolutions topic, and returns how many were recorded.
     */
    long mark(Selection selection, LetterStatus status, String note, String actor);

    /** Starts a replay in the background (one at a time per selection); a dry run sends nothing. */
    ReplayJob startReplay(ReplayRequest request);

    /** A replay started earlier, while this process runs. */
    Optional<ReplayJob> replay(String jobId);

    /** Writes the selection as JSON Lines, one letter per line, streaming (never the whole selection in memory). */
    void export(Selection selection, String actor, OutputStream out) throws IOException;
}
