package io.ticketsync.model;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the store remembers per ticket: the last applied version and the snapshot, or a null
 * snapshot after a DELETE so that a late, older change cannot bring the ticket back. A state read
 * from the store may decode its snapshot only when it is asked for: most changes need the version
 * alone (stale or not) or carry every field.
 */
public final class TicketState {

    private final long version;
    private SyncedTicket snapshot;
    private Supplier<SyncedTicket> undecoded;

    public TicketState(final long version, final SyncedTicket snapshot) {
        this.version = version;
        this.snapshot = snapshot;
    }

    private TicketState(final long version, final Supplier<SyncedTicket> undecoded) {
        this.version = version;
        this.undecoded = undecoded;
    }

    public static TicketState deleted(final long version) {
        return new TicketState(version, (SyncedTicket) null);
    }

    /** A stored state whose snapshot {@code decoder} produces on first use (once; it may throw then). */
    public static TicketState decodedOnDemand(final long version, final Supplier<SyncedTicket> decoder) {
        return new TicketState(version, Objects.requireNonNull(decoder, "decoder"));
    }

    public long version() {
        return version;
    }

    /** The snapshot, null after a DELETE. Not thread-safe: a state belongs to the thread that read it. */
    public SyncedTicket snapshot() {
        if (undecoded != null) {
            snapshot = undecoded.get();
            undecoded = null;
        }
        return snapshot;
    }

    public boolean isDeleted() {
        return snapshot() == null;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof TicketState that && version == that.version && Objects.equals(snapshot(), that.snapshot());
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, snapshot());
    }

    @Override
    public String toString() {
        return "TicketState[version=" + version + ", snapshot=" + (undecoded != null ? "(not decoded)" : snapshot) + "]";
    }
}
