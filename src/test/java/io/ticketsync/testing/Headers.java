package io.ticketsync.testing;

import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** Reads header values as text in assertions. */
public final class Headers {

    private Headers() {
    }

    /** The last value of header {@code name} as UTF-8, or null when absent. */
    public static String text(final org.apache.kafka.common.header.Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
