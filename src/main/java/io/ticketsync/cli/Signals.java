package io.ticketsync.cli;

import sun.misc.Signal;

/**
 * Routes SIGTERM and SIGINT to a graceful stop. A signal handler (rather than a shutdown hook)
 * lets the main thread finish closing and exit with its own code: 0 after a clean stop.
 */
final class Signals {

    private Signals() {
    }

    static void onTermination(final Runnable stop) {
        for (final String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
