package io.ticketsync.console;

import io.ticketsync.control.BrakeEvent;

import java.util.Optional;

/** The dead-letter surge brake as the console shows it and lets an operator release it. */
interface BrakeSwitch {

    /** The latest brake event known; empty when the brake was never engaged. */
    Optional<BrakeEvent> state();

    /**
     * Releases an engaged brake for every instance, recording {@code actor} and {@code note}.
     *
     * @return false when the brake was not engaged (nothing written)
     */
    boolean release(String actor, String note) throws InterruptedException;
}
