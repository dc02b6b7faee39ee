package io.ticketsync.guard;

import io.ticketsync.config.SurgeLimits;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.Reason;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Stops a bad deploy from quietly diverting the stream into the dead-letter topic: keeps the
 * outcomes of the last {@code windowRecords} input records that were not stale (applied, or
 * dead-lettered with a stage and reason) and trips once when dead letters reach a threshold share:
 * of one stage/reason, of one stage, or of all of them together. Stale skips are counted apart, so
 * an upstream re-send can neither trip the brake nor hide a surge. Tripping only tells the
 * listener; the runtime decides what pausing means, and {@link #rearm()} starts a fresh window
 * once an operator has released the brake. One instance per process, shared by the processor and
 * the exception handlers of every thread.
 */
public final class DeadLetterSurgeBrake {

    private static final byte APPLIED = 0;
    private static final int REASONS = Reason.values().length;
    private static final int STAGES = ErrorStage.values().length;

    private final SurgeLimits limits;
    /** One byte per outcome: APPLIED, or 1 + stage * REASONS + reason. Sized by a validated, capped window. */
    private final byte[] ring;
    private final int[] byKey = new int[STAGES * REASONS + 1];
    private final int[] byStage = new int[STAGES];
    private final DeadLetterSpan span = new DeadLetterSpan();
    private int deadLetters;
    private int size;
    private int next;
    private long staleSkipped;
    private volatile Trip trip;
    private volatile Consumer<Trip> onTrip = trip -> { };

    public DeadLetterSurgeBrake(final SurgeLimits limits) {
        this.limits = limits;
        this.ring = new byte[limits.windowRecords()];
    }

    /** Who is told, once per armed window, when the brake trips. */
    public void onTrip(final Consumer<Trip> listener) {
        this.onTrip = listener;
    }

    public synchronized void applied() {
        record(APPLIED);
    }

    /** A change skipped as stale: neither good nor bad for the brake. */
    public synchronized void stale() {
        staleSkipped++;
    }

    /** A dead letter of the input record at {@code topic-partition@offset}. */
    public void deadLettered(final ErrorStage stage, final Reason reason, final String topic, final int partition,
                             final long offset) {
        final Trip tripped;
        synchronized (this) {
            final byte key = (byte) (1 + stage.ordinal() * REASONS + reason.ordinal());
            record(key);
            span.add(topic, partition, offset);
            if (trip != null || size < limits.minRecords()) {
                return;
            }
            tripped = tripFor(stage, reason, key);
            if (tripped == null) {
                return;
            }
            trip = tripped;
        }
        onTrip.accept(tripped);
    }

    public Optional<Trip> tripped() {
        return Optional.ofNullable(trip);
    }

    /** Forgets the window and the trip: after a release, the brake judges only what comes next. */
    public synchronized void rearm() {
        Arrays.fill(byKey, 0);
        Arrays.fill(byStage, 0);
        deadLetters = 0;
        size = 0;
        next = 0;
        staleSkipped = 0;
        span.clear();
        trip = null;
    }

    private Trip tripFor(final ErrorStage stage, final Reason reason, final byte key) {
        if (byKey[key] >= limits.reasonThreshold() * size) {
            return trip(Trip.Scope.REASON, stage, reason, byKey[key], limits.reasonThreshold());
        }
        if (byStage[stage.ordinal()] >= limits.stageThreshold() * size) {
            return trip(Trip.Scope.STAGE, stage, null, byStage[stage.ordinal()], limits.stageThreshold());
        }
        if (deadLetters >= limits.allThreshold() * size) {
            return trip(Trip.Scope.ALL, null, null, deadLetters, limits.allThreshold());
        }
        return null;
    }

    private Trip trip(final Trip.Scope scope, final ErrorStage stage, final Reason reason, final int count,
                      final double threshold) {
        return new Trip(scope, stage, reason, count, size, threshold, shares(), staleSkipped, span.describe(), deadLetters,
                mostly());
    }

    /** The reason of the largest stage/reason share; the window holds at least one dead letter when asked. */
    private Reason mostly() {
        int largest = 1;
        for (int key = 2; key < byKey.length; key++) {
            largest = byKey[key] > byKey[largest] ? key : largest;
        }
        return Reason.values()[(largest - 1) % REASONS];
    }

    /** Every stage/reason in the window with its count, largest first, e.g. "unmapped-status (PROCESSING) 40". */
    private String shares() {
        final StringBuilder text = new StringBuilder();
        IntStream.range(1, byKey.length).boxed()
                .filter(key -> byKey[key] > 0)
                .sorted((a, b) -> Integer.compare(byKey[b], byKey[a]))
                .forEach(key -> {
                    final ErrorStage keyStage = ErrorStage.values()[(key - 1) / REASONS];
                    final Reason keyReason = Reason.values()[(key - 1) % REASONS];
                    text.append(text.length() == 0 ? "" : ", ").append(keyReason.code()).append(" (").append(keyStage)
                            .append(") ").append(byKey[key]);
                });
        return text.toString();
    }

    private void record(final byte key) {
        if (size == ring.length) {
            forget(ring[next]);
        } else {
            size++;
        }
        ring[next] = key;
        byKey[key]++;
        if (key != APPLIED) {
            byStage[(key - 1) / REASONS]++;
            deadLetters++;
        }
        next = (next + 1) % ring.length;
    }

    private void forget(final byte key) {
        byKey[key]--;
        if (key != APPLIED) {
            byStage[(key - 1) / REASONS]--;
            deadLetters--;
        }
    }
}
