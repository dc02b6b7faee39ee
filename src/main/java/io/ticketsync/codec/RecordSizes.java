package io.ticketsync.codec;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * How many bytes a record takes on the wire, as the producer measures it against
 * {@code max.request.size} and the broker against {@code max.message.bytes}: key, value, every
 * header and the batch overhead. A record over a limit is refused whole, headers included, so
 * every size rule in ticket-sync measures with this one function.
 */
public final class RecordSizes {

    private static final Header[] NO_HEADERS = new Header[0];

    private RecordSizes() {
    }

    /** Upper bound of the uncompressed size of a one-record batch holding this record. */
    public static int estimate(final byte[] key, final byte[] value, final Headers headers) {
        return estimate(key, value, headers == null ? NO_HEADERS : headers.toArray());
    }

    public static int estimate(final byte[] key, final byte[] value, final Header[] headers) {
        // Kafka's own estimate (the one KafkaProducer applies); internal API, pinned by RecordSizesTest.
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key, value, headers);
    }
}
