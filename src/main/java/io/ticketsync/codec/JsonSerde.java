package io.ticketsync.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON serde for ticket-sync's own records (output snapshots, store values). Null maps to null
 * (a tombstone). Sizes are not its business: {@code SizeCheckedEncoder} measures whole records.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;

    public JsonSerde(final Class<T> type) {
        this.type = type;
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
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (final JsonProcessingException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName(), e);
        }
    }

    public T decode(final byte[] data) {
        try {
            return Json.MAPPER.readValue(data, type);
        } catch (final IOException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName(), e);
        }
    }
}
