package io.ticketsync.deadletter.routing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Cuts text to a byte budget without splitting a UTF-8 character. */
final class Utf8Truncation {

    static final String MARKER = "\n... [truncated]";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8);

    private Utf8Truncation() {
    }

    /** {@code text} as UTF-8, at most {@code maxBytes} long, ending in {@link #MARKER} if cut. */
    static byte[] truncate(final String text, final int maxBytes) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        if (maxBytes <= MARKER_BYTES.length) {
            return Arrays.copyOf(MARKER_BYTES, Math.max(maxBytes, 0));
        }
        int cut = maxBytes - MARKER_BYTES.length;
        // Step back over UTF-8 continuation bytes (10xxxxxx) so the cut lands on a character boundary.
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        final byte[] result = Arrays.copyOf(bytes, cut + MARKER_BYTES.length);
        System.arraycopy(MARKER_BYTES, 0, result, cut, MARKER_BYTES.length);
        return result;
    }
}
