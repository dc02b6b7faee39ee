package io.ticketsync.codec;

import io.ticketsync.failure.BadRecordException;
import io.ticketsync.failure.Reason;
import io.ticketsync.model.TicketChange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decoder accepts UTF-8 JSON text only. Jackson's byte parser would sniff and accept
 * other encodings and byte order marks; these tests guard against parsing raw bytes naively.
 */
class TicketChangeDecoderTest {

    private static final String VALID = "{\"ticketId\":\"T-1\",\"version\":1,\"op\":\"UPSERT\","
            + "\"changedAt\":\"2026-11-22T10:00:00Z\",\"fields\":{\"title\":\"Grüße, naïve café ☕\",\"status\":\"open\"}}";

    private static final String ASCII_VALID = VALID.replace("Grüße, naïve café ☕", "Printer on fire");

    private final TicketChangeDecoder decoder = new TicketChangeDecoder();

    @Test
    void shouldDecodeUtf8IncludingNonAsciiText() {
        final TicketChange change = decoder.decode(VALID.getBytes(StandardCharsets.UTF_8));

        assertThat(change.fields().title()).isEqualTo("Grüße, naïve café ☕");
    }

    @Test
    void shouldRejectUtf16EvenThoughJacksonWouldSniffIt() {
        assertThat(decoder.decode(ASCII_VALID.getBytes(StandardCharsets.UTF_8)).fields().title()).isEqualTo("Printer on fire");
        assertReason(ASCII_VALID.getBytes(StandardCharsets.UTF_16LE), Reason.INVALID_JSON);
        assertReason(ASCII_VALID.getBytes(StandardCharsets.UTF_16BE), Reason.INVALID_JSON);
    }

    @Test
    void shouldRejectUtf16WithByteOrderMarkAsInvalidUtf8() {
        assertReason(VALID.getBytes(StandardCharsets.UTF_16), Reason.INVALID_UTF8);
    }

    @Test
    void shouldRejectUtf8ByteOrderMark() {
        final byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
        final byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        assertReason(withBom, Reason.INVALID_JSON);
    }

    @Test
    void shouldRejectRawNulByte() {
        assertReason(VALID.replace("open", "op\u0000en").getBytes(StandardCharsets.UTF_8), Reason.INVALID_JSON);
    }

    @Test
    void shouldRejectEncodedSurrogateThatJacksonWouldReplace() {
        assertReason(statusWithBytes((byte) 0xED, (byte) 0xA0, (byte) 0x80), Reason.INVALID_UTF8);
    }

    @Test
    void shouldRejectOverlongAndTruncatedSequences() {
        assertReason(statusWithBytes((byte) 0xC0, (byte) 0xAF), Reason.INVALID_UTF8);
        assertReason(statusWithBytes((byte) 0xE2, (byte) 0x82), Reason.INVALID_UTF8);
    }

    @Test
    void shouldAcceptTheReplacementCharacterItselfWhenWellFormed() {
        final byte[] value = statusWithBytes((byte) 0xEF, (byte) 0xBF, (byte) 0xBD);

        assertThat(decoder.decode(value).fields().status()).isEqualTo("o\uFFFDen");
    }

    /** The valid record with the status's 'p' replaced by the given raw bytes. */
    private static byte[] statusWithBytes(final byte... replacement) {
        final byte[] body = VALID.replace("open", "o#en").getBytes(StandardCharsets.UTF_8);
        final int hash = new String(body, StandardCharsets.ISO_8859_1).indexOf('#');
        final byte[] result = new byte[body.length - 1 + replacement.length];
        System.arraycopy(body, 0, result, 0, hash);
        System.arraycopy(replacement, 0, result, hash, replacement.length);
        System.arraycopy(body, hash + 1, result, hash + replacement.length, body.length - hash - 1);
        return result;
    }

    private void assertReason(final byte[] value, final Reason reason) {
        assertThatThrownBy(() -> decoder.decode(value))
                .isInstanceOfSatisfying(BadRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
