package io.ticketsync.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 decoding, the one decoder for input records, dead letters and the console:
 * malformed bytes are reported instead of silently replaced.
 */
public final class Utf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** The bytes as text; empty when they are not valid UTF-8. */
    public static Optional<String> decode(final byte[] bytes) {
        return decode(bytes, bytes.length);
    }

    /** The first {@code length} bytes as text; empty when they are not valid UTF-8. */
    public static Optional<String> decode(final byte[] bytes, final int length) {
        // The JDK's lenient decode is intrinsified (a plain copy for ASCII) and replaces each
        // malformed sequence with U+FFFD; only when that character shows up is the strict decoder needed.
        final String lenient = new String(bytes, 0, length, StandardCharsets.UTF_8);
        return lenient.indexOf(REPLACEMENT) < 0 ? Optional.of(lenient) : strictDecode(bytes, length);
    }

    private static Optional<String> strictDecode(final byte[] bytes, final int length) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString());
        } catch (final CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
