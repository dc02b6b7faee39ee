package io.ticketsync.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON serde for ticket-sync's own records (output snapshots, store values). Null maps to null
 * (a tombstone). Decoding ignores unknown fields, so a store value written by a newer ticket-sync
 * is still read after a rollback (input never comes through here: TicketChangeDecoder has its own
 * strict rules). Sizes are not its business: {@code SizeCheckedEncoder} measures whole records.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    // Bound to the type, so the serializer is found once and not looked up per record.
    private final ObjectWriter writer;

    public JsonSerde(final Class<T> type) {
        this.type = type;
        this.reader = Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.writer = Json.MAPPER.writerFor(type);
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
            return writer.writeValueAsBytes(value);
        } catch (final JsonProcessingException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName(), e);
        }
    }

    public T decode(final byte[] data) {
        try {
            return reader.readValue(data);
        } catch (final IOException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName(), e);
        }
    }
}
