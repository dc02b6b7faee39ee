package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.EditReport;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.ReplayPlan;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.Selection;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/** What an operator can do with dead letters; every method records who did it. */
public interface LetterActions {

    /**
     * Records {@code status} (RESOLVED or DISCARDED) with {@code note} for every open letter of the
     * selection below {@code ends} (the end offsets the page showed; null: as of now), durably in
     * the resolutions topic, and returns how many were recorded.
     */
    long mark(Selection selection, LetterStatus status, String note, Actor actor, Map<Integer, Long> ends);

    /** Starts a dry run in the background: its report carries the plan the confirm step sends. */
    ReplayJob startDryRun(ReplayRequest request, Actor actor);

    /** Starts sending exactly what a dry run's plan showed, in the background. */
    ReplayJob startPlan(ReplayPlan plan, Actor actor);

    /** A replay started earlier, while this process runs. */
    Optional<ReplayJob> replay(String jobId);

    /**
     * Puts {@code value} in place of the open letter's value and asks a running instance what it
     * would do; nothing sent.
     *
     * @throws io.ticketsync.deadletter.tools.InvalidEditException the value or the letter cannot be edited
     * @throws IllegalStateException                              no instance could check it
     */
    EditReport checkEdit(LetterId id, String value, Actor actor);

    /**
     * As {@link #checkEdit}, then sends the edited record to the replay topic and marks the letter
     * REPLAYED with the edit; a stale or dead-lettered-again outcome only when {@code confirmed}.
     *
     * @throws io.ticketsync.deadletter.tools.UnconfirmedEditException when it needed the confirmation (nothing sent)
     */
    EditReport edit(LetterId id, String value, boolean confirmed, String note, Actor actor);

    /** Writes the selection as JSON Lines, one letter per line, streaming (never the whole selection in memory). */
    void export(Selection selection, Actor actor, OutputStream out) throws IOException;
}
