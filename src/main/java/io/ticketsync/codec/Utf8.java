package io.ticketsync.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 decoding: malformed bytes are reported instead of silently replaced. */
final class Utf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    static Optional<String> decode(final byte[] bytes) {
        // The JDK's lenient decode is intrinsified (a plain copy for ASCII) and replaces each
        // malformed sequence with U+FFFD; only when that character shows up is the strict decoder needed.
        final String lenient = new String(bytes, StandardCharsets.UTF_8);
        return lenient.indexOf(REPLACEMENT) < 0 ? Optional.of(lenient) : strictDecode(bytes);
    }

    private static Optional<String> strictDecode(final byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (final CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
