package io.ticketsync.testing;

import io.ticketsync.deadletter.tools.Actor;

/** Who the tests act as when they call the dead-letter tools directly. */
public final class TestActors {

    /** A named operator, as {@code --actor test-operator} names one. */
    public static final Actor OPERATOR = Actor.asserted("test-operator");

    private TestActors() {
    }
}
