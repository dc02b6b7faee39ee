package io.ticketsync.bench;

import java.util.Map;

/**
 * How to run one application row: which application, on which input, with which guarantee and
 * settings, and when its run counts as done.
 *
 * @param kind      an AppUnderTest kind
 * @param input     the input topic (already filled)
 * @param guarantee the processing.guarantee
 * @param settings  further configuration (commit interval, timeouts)
 */
record AppSpec(String kind, BenchInput input, String guarantee, Map<String, String> settings) {

    static final String ALOS = "at_least_once";
    static final String EOS = "exactly_once_v2";

    boolean exactlyOnce() {
        return EOS.equals(guarantee);
    }
}
