package io.ticketsync.deadletter.tools;

import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a writer lease, folded from its records in log order: a claim takes the lease only
 * when nobody holds it or the holder's last renewal has expired; a renewal or a release counts
 * only from the holder. Every reader folding the same log agrees on one holder.
 */
final class LeaseState {

    private LeaseRecord holder;

    void apply(final LeaseRecord record) {
        final boolean fromHolder = holder != null && holder.claim().equals(record.claim());
        switch (record.kind()) {
            case CLAIM -> {
                if (holder == null || !record.at().isBefore(holder.expires())) {
                    holder = record;
                }
            }
            case RENEW -> {
                if (fromHolder) {
                    holder = record;
                }
            }
            case RELEASE -> {
                if (fromHolder) {
                    holder = null;
                }
            }
        }
    }

    /** The holder's latest record, if the lease is held (and not expired as of {@code now}). */
    Optional<LeaseRecord> holder(final Instant now) {
        return holder == null || !now.isBefore(holder.expires()) ? Optional.empty() : Optional.of(holder);
    }

    boolean heldBy(final String claim) {
        return holder != null && holder.claim().equals(claim);
    }
}
