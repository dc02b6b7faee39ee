package io.ticketsync.failure;

import java.util.Objects;

/**
 * The classifier's verdict on one failure: its kind and, for poison, the reason its dead letter
 * gives ({@code ticketsync.error.reason}); null for every other kind, which is never dead-lettered.
 */
public record Classification(FailureKind kind, Reason reason) {

    public Classification {
        Objects.requireNonNull(kind, "kind");
        if ((kind == FailureKind.POISON) != (reason != null)) {
            throw new IllegalArgumentException("a reason belongs to poison, and only to poison: " + kind + "/" + reason);
        }
    }

    static Classification poison(final Reason reason) {
        return new Classification(FailureKind.POISON, reason);
    }

    static Classification of(final FailureKind kind) {
        return new Classification(kind, null);
    }

    public boolean isPoison() {
        return kind == FailureKind.POISON;
    }
}
