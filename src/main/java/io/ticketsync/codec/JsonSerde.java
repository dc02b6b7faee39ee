package io.ticketsync.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketsync.errors.BadRecordException;
import io.ticketsync.errors.Reason;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON serde for ticket-sync's own records (output snapshots, store values). Null maps to null
 * (a tombstone). The serializer refuses values larger than {@code maxBytes}: that record is
 * dead-lettered by the production handler instead of poisoning the producer's transaction.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final int maxBytes;

    public JsonSerde(final Class<T> type, final int maxBytes) {
        this.type = type;
        this.maxBytes = maxBytes;
    }

    public JsonSerde(final Class<T> type) {
        this(type, Integer.MAX_VALUE);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> data == null ? null : decode(data);
    }

    public byte[] encode(final T value) {
        final byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(value);
        } catch (final JsonProcessingException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName(), e);
        }
        if (bytes.length > maxBytes) {
            throw new BadRecordException(Reason.RECORD_TOO_LARGE, "encoded " + type.getSimpleName() + " is "
                    + bytes.length + " bytes, over the limit of " + maxBytes + " (output.max.record.bytes)");
        }
        return bytes;
    }

    public T decode(final byte[] data) {
        try {
            return Json.MAPPER.readValue(data, type);
        } catch (final IOException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName(), e);
        }
    }
}
