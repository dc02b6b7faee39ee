package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.ReplayPlan;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.Selection;
import io.ticketsync.deadletter.tools.WriterBusyException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what it was asked to do, and by whom. */
final class MemoryActions implements LetterActions {

    static final String EXPORTED = "{\"id\":\"0@7\"}\n";
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Set: another action holds the dead-letter writer lease. */
    volatile String busy;

    @Override
    public long mark(final Selection selection, final LetterStatus status, final String note, final Actor actor,
                     final Map<Integer, Long> ends) {
        if (busy != null) {
            throw new WriterBusyException(busy);
        }
        calls.add(status + " by " + actor.display() + ": " + selection.describe() + " note=" + note + (ends == null ? "" : " ends=" + ends));
        return selection.ids().size();
    }

    @Override
    public ReplayJob startDryRun(final ReplayRequest request, final Actor actor) {
        throw new UnsupportedOperationException("not replayed here");
    }

    @Override
    public ReplayJob startPlan(final ReplayPlan plan, final Actor actor) {
        throw new UnsupportedOperationException("not replayed here");
    }

    @Override
    public Optional<ReplayJob> replay(final String jobId) {
        return Optional.empty();
    }

    @Override
    public void export(final Selection selection, final Actor actor, final OutputStream out) throws IOException {
        calls.add("EXPORT by " + actor.display() + ": " + selection.describe());
        out.write(EXPORTED.getBytes(StandardCharsets.UTF_8));
    }
}

