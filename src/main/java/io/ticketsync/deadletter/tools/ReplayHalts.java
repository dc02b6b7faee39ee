package io.ticketsync.deadletter.tools;

import java.util.Optional;

/**
 * Asked between a replay's batches: has the running application halted replays since this one
 * started (its window of replayed records' outcomes tripped), and why.
 */
@FunctionalInterface
public interface ReplayHalts {

    /** Never halted: a dry run, or a test without a control topic. */
    ReplayHalts NONE = Optional::empty;

    /** The reason of a halt newer than the replay's start; empty while there is none. */
    Optional<String> halted();
}
