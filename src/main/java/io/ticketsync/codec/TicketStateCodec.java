package io.ticketsync.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ticketsync.failure.UnreadableStoreValueException;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The values of a ticket-state store: {@code {"version":N,"snapshot":<snapshot JSON or null>}}.
 * <ul>
 *   <li><b>One encoding per record.</b> The value is assembled around the output record's bytes,
 *       which had to be encoded anyway, instead of encoding the snapshot a second time.</li>
 *   <li><b>The format every ticket-sync reads.</b> The bytes are exactly what Jackson writes for a
 *       {@code {version, snapshot}} record, the format of every earlier version, so rolling back
 *       stays safe in both directions (and decoding ignores fields a newer version may add).</li>
 *   <li><b>Decode only what is needed.</b> The version is read from the fixed prefix; the snapshot
 *       is decoded the first time it is asked for, which a stale change or a change carrying every
 *       field never does. A value not in the assembled form (for example with reordered or extra
 *       fields) is decoded in full at once.</li>
 * </ul>
 * A value that cannot be decoded, now or when its snapshot is first needed, is an
 * {@link UnreadableStoreValueException}: never the record's fault, and never worth a retry.
 */
public final class TicketStateCodec {

    private static final byte[] PREFIX = ascii("{\"version\":");
    private static final byte[] MIDDLE = ascii(",\"snapshot\":");
    private static final byte[] DELETED_TAIL = ascii("null}");
    /** Any 18 digits fit a long; a longer version takes the full decode. */
    private static final int MAX_VERSION_DIGITS = 18;

    /** The shape earlier versions stored (a record Jackson encodes field by field, in this order). */
    record StoredForm(long version, SyncedTicket snapshot) {
    }

    private final String storeName;
    private final ObjectReader reader = Json.MAPPER.readerFor(StoredForm.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** @param storeName the store the values belong to, named when one cannot be read */
    public TicketStateCodec(final String storeName) {
        this.storeName = storeName;
    }

    /** The store value for {@code version} around an already encoded snapshot (null after a DELETE). */
    public byte[] encode(final long version, final byte[] snapshotJson) {
        final byte[] digits = ascii(Long.toString(version));
        final byte[] snapshot = snapshotJson == null ? DELETED_TAIL : snapshotJson;
        final int length = PREFIX.length + digits.length + MIDDLE.length + snapshot.length + (snapshotJson == null ? 0 : 1);
        final byte[] value = Arrays.copyOf(PREFIX, length);
        int at = PREFIX.length;
        System.arraycopy(digits, 0, value, at, digits.length);
        at += digits.length;
        System.arraycopy(MIDDLE, 0, value, at, MIDDLE.length);
        at += MIDDLE.length;
        System.arraycopy(snapshot, 0, value, at, snapshot.length);
        if (snapshotJson != null) {
            value[length - 1] = '}';
        }
        return value;
    }

    /**
     * The state a store value holds.
     *
     * @param key the value's key, named when it cannot be read
     * @throws UnreadableStoreValueException when the value (or later its snapshot) cannot be decoded
     */
    public TicketState decode(final String key, final byte[] stored) {
        final int middle = versionEnd(stored);
        if (middle < 0 || !startsWith(stored, middle, MIDDLE)) {
            final StoredForm form = decodeWhole(key, stored);
            return new TicketState(form.version(), form.snapshot());
        }
        final long version = Long.parseLong(new String(stored, PREFIX.length, middle - PREFIX.length, StandardCharsets.US_ASCII));
        final int snapshotAt = middle + MIDDLE.length;
        if (stored.length - snapshotAt == DELETED_TAIL.length && startsWith(stored, snapshotAt, DELETED_TAIL)) {
            return TicketState.deleted(version);
        }
        // The whole value, not the slice: decoding it in full is what checks that it is well formed.
        return TicketState.decodedOnDemand(version, () -> decodeWhole(key, stored).snapshot());
    }

    /** Where the version's digits end after the prefix, or -1 when the value does not start that way. */
    private static int versionEnd(final byte[] stored) {
        if (!startsWith(stored, 0, PREFIX)) {
            return -1;
        }
        int at = PREFIX.length;
        while (at < stored.length && at - PREFIX.length < MAX_VERSION_DIGITS && stored[at] >= '0' && stored[at] <= '9') {
            at++;
        }
        return at == PREFIX.length ? -1 : at;
    }

    private StoredForm decodeWhole(final String key, final byte[] stored) {
        try {
            return reader.readValue(stored);
        } catch (final IOException e) {
            throw new UnreadableStoreValueException(storeName, key, e);
        }
    }

    private static boolean startsWith(final byte[] bytes, final int at, final byte[] part) {
        return bytes.length - at >= part.length && Arrays.equals(bytes, at, at + part.length, part, 0, part.length);
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
