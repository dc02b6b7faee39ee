package io.ticketsync.deadletter.tools;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a decision is bound to beside a letter's coordinates: its source (topic, partition,
 * offset) and its timestamp, hashed to 64 bits. A dead-letter topic deleted and recreated, or
 * mirrored, holds other letters at the same {@code partition@offset}: their fingerprints differ,
 * so an old decision cannot hide a new letter.
 */
public final class LetterFingerprint {

    private LetterFingerprint() {
    }

    public static long of(final DeadLetter letter) {
        return of(letter.sourceTopic(), letter.sourcePartition(), letter.sourceOffset(), letter.timestamp().toEpochMilli());
    }

    public static long of(final String sourceTopic, final int sourcePartition, final long sourceOffset, final long timestampMs) {
        final byte[] text = (sourceTopic + '\n' + sourcePartition + '\n' + sourceOffset + '\n' + timestampMs)
                .getBytes(StandardCharsets.UTF_8);
        final byte[] digest = sha256().digest(text);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
    }

    /** As written in a resolution record: 16 lower-case hex digits. */
    public static String text(final long fingerprint) {
        return HexFormat.of().toHexDigits(fingerprint);
    }

    /** @throws IllegalArgumentException unless 16 hex digits */
    public static long parse(final String text) {
        if (text == null || text.length() != 16) {
            throw new IllegalArgumentException("a fingerprint is 16 hex digits, got '" + text + "'");
        }
        return HexFormat.fromHexDigitsToLong(text);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
