package io.ticketsync.guard;

/**
 * One input partition as the broker sees it: the group's committed offset (where processing
 * resumes; the log start when the group has committed none) and the last stable offset (the
 * end a read_committed consumer can reach), both exclusive ends.
 */
public record PartitionOffsets(long committed, long lastStable) {

    /** Records a read_committed consumer could process but the group has not committed. */
    long waiting() {
        return Math.max(0, lastStable - committed);
    }
}
