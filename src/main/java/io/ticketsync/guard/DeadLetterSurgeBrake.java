package io.ticketsync.guard;

import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;
import io.ticketsync.config.SurgeLimits;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stops a bad deploy from quietly diverting the stream into the dead-letter topic: keeps the
 * outcomes of the last {@code windowRecords} input records (passed = applied or skipped as stale,
 * or dead-lettered with a stage and reason) and trips once when one stage/reason reaches the
 * threshold share. Tripping only tells the listener; the runtime decides what stopping means.
 * One instance per process, shared by the processor and the exception handlers of every thread.
 */
public final class DeadLetterSurgeBrake {

    private static final short PASSED = 0;
    private static final int REASONS = Reason.values().length;

    /** Why the brake tripped: {@code count} of the last {@code window} records had this stage and reason. */
    public record Trip(ErrorStage stage, Reason reason, int count, int window) {
        public String describe() {
            return reason.code() + " (" + stage + "): " + count + " of the last " + window + " records";
        }
    }

    private final SurgeLimits limits;
    private final short[] ring;
    private final int[] counts = new int[ErrorStage.values().length * REASONS + 1];
    private int size;
    private int next;
    private volatile Trip trip;
    private volatile Consumer<Trip> onTrip = trip -> { };

    public DeadLetterSurgeBrake(final SurgeLimits limits) {
        this.limits = limits;
        this.ring = new short[limits.windowRecords()];
    }

    /** Who is told, once, when the brake trips. */
    public void onTrip(final Consumer<Trip> listener) {
        this.onTrip = listener;
    }

    /** A record that was applied or skipped as stale. */
    public synchronized void passed() {
        record(PASSED);
    }

    public void deadLettered(final ErrorStage stage, final Reason reason) {
        final Trip tripped;
        synchronized (this) {
            final short key = (short) (1 + stage.ordinal() * REASONS + reason.ordinal());
            record(key);
            if (trip != null || size < limits.minRecords() || counts[key] < limits.threshold() * size) {
                return;
            }
            tripped = new Trip(stage, reason, counts[key], size);
            trip = tripped;
        }
        onTrip.accept(tripped);
    }

    public Optional<Trip> tripped() {
        return Optional.ofNullable(trip);
    }

    private void record(final short key) {
        if (size == ring.length) {
            counts[ring[next]]--;
        } else {
            size++;
        }
        ring[next] = key;
        counts[key]++;
        next = (next + 1) % ring.length;
    }
}
