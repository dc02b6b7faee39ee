package io.ticketsync.topology;

import io.ticketsync.codec.JsonSerde;
import io.ticketsync.codec.RecordSizes;
import io.ticketsync.codec.TicketStateCodec;
import io.ticketsync.failure.BadRecordException;
import io.ticketsync.failure.Reason;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketState;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Encodes an applied change once and holds both records it will write to the effective output
 * limit ({@link WriteBounds#outputMaxRecordBytes()}): the output record (key, snapshot, and the input's headers,
 * which Kafka Streams copies onto it) and the changelog record (key and the stored state, built
 * around the same snapshot bytes). Checked before anything is forwarded or stored, because a
 * record the producer or broker refuses aborts the whole exactly_once_v2 transaction, and does so
 * again on every retry.
 */
public final class SizeCheckedEncoder {

    private static final Header[] CHANGELOG_HEADERS = new Header[0];

    /** The two values one applied change writes. */
    public record Encoded(byte[] output, byte[] stored) {
    }

    private final JsonSerde<SyncedTicket> snapshots = new JsonSerde<>(SyncedTicket.class);
    private final TicketStateCodec states;
    private final int maxBytes;
    private final String limitSource;

    /** @param states the store's codec, so the measured value is the one the changelog gets */
    public SizeCheckedEncoder(final TicketStateCodec states, final int maxBytes) {
        this(states, maxBytes, "output.max.record.bytes");
    }

    /** @param limitSource where {@code maxBytes} comes from, named in the dead letter's message */
    public SizeCheckedEncoder(final TicketStateCodec states, final int maxBytes, final String limitSource) {
        this.states = states;
        this.maxBytes = maxBytes;
        this.limitSource = limitSource;
    }

    /**
     * The output value for {@code next} (null, a tombstone, for a deleted ticket) and the store value.
     *
     * @param outputHeaders the headers the output record will carry (in the topology: the input's)
     * @throws BadRecordException ({@code record-too-large}) when the output record or the stored state would exceed the limit
     */
    public Encoded encode(final String key, final TicketState next, final Headers outputHeaders) {
        final byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        final byte[] output = next.isDeleted() ? null : snapshots.encode(next.snapshot());
        requireWithinLimit("output record (key, snapshot and headers)",
                RecordSizes.estimate(keyBytes, output, outputHeaders));
        final byte[] stored = states.encode(next.version(), output);
        requireWithinLimit("stored state (changelog record)", RecordSizes.estimate(keyBytes, stored, CHANGELOG_HEADERS));
        return new Encoded(output, stored);
    }

    private void requireWithinLimit(final String what, final int bytes) {
        if (bytes > maxBytes) {
            throw new BadRecordException(Reason.RECORD_TOO_LARGE, "the " + what + " would be " + bytes
                    + " bytes, over the limit of " + maxBytes + " (" + limitSource + ")");
        }
    }
}
