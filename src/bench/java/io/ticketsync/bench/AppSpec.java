package io.ticketsync.bench;

import java.util.List;
import java.util.Map;

/**
 * How to run one application row: which application, on which input, with which guarantee and
 * settings, and when its run counts as done.
 *
 * @param kind      an AppUnderTest kind
 * @param input     the input topic (already filled)
 * @param guarantee the processing.guarantee
 * @param settings  further configuration (commit interval, timeouts)
 * @param jvmOptions the application JVM's options beyond the heap (none: the JVM's defaults)
 */
record AppSpec(String kind, BenchInput input, String guarantee, Map<String, String> settings, List<String> jvmOptions) {

    static final String ALOS = "at_least_once";
    static final String EOS = "exactly_once_v2";

    AppSpec(final String kind, final BenchInput input, final String guarantee, final Map<String, String> settings) {
        this(kind, input, guarantee, settings, List.of());
    }

    boolean exactlyOnce() {
        return EOS.equals(guarantee);
    }
}
