package io.ticketsync.deadletter.tools;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes as text only when they are valid UTF-8: a dead letter's bytes may be anything. */
public final class Utf8Text {

    private Utf8Text() {
    }

    /** The first {@code length} bytes as text, or null when they are not valid UTF-8. */
    public static String decode(final byte[] bytes, final int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (final CharacterCodingException e) {
            return null;
        }
    }
}
