package io.ticketsync.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stream threads that are being replaced after an uncaught failure, from the moment the policy
 * decides until the thread closes its consumer (in that same thread).
 */
final class ReplacedThreads {

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    void mark(final Thread thread) {
        threads.add(thread);
    }

    /** Whether {@code thread} was being replaced; it is forgotten either way. */
    boolean remove(final Thread thread) {
        return threads.remove(thread);
    }
}
