package io.ticketsync.codec;

import io.ticketsync.failure.BadRecordException;
import io.ticketsync.failure.Reason;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes the record key, the ticket id, as strict UTF-8. A null key is a bad record. */
public final class TicketKeyDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(final String topic, final byte[] data) {
        if (data == null) {
            throw new BadRecordException(Reason.NULL_KEY, "record key is null; the key must be the ticket id");
        }
        return Utf8.decode(data).orElseThrow(() ->
                new BadRecordException(Reason.INVALID_KEY_ENCODING, "record key is not valid UTF-8"));
    }
}
