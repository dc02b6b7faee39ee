package io.ticketsync.codec;

import io.ticketsync.failure.BadRecordException;
import io.ticketsync.failure.Reason;
import io.ticketsync.model.TicketChange;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka adapter for {@link TicketChangeDecoder}. Whatever goes wrong while decoding is reported as
 * a {@link BadRecordException}, so the deserialization handler always knows the reason.
 */
public final class TicketChangeDeserializer implements Deserializer<TicketChange> {

    private final TicketChangeDecoder decoder = new TicketChangeDecoder();

    @Override
    public TicketChange deserialize(final String topic, final byte[] data) {
        try {
            return decoder.decode(data);
        } catch (final BadRecordException e) {
            throw e;
        } catch (final RuntimeException e) {
            // Defensive: a decoder bug must cost one record, not the stream thread.
            throw new BadRecordException(Reason.UNDECODABLE, "unexpected decoding failure: " + e, e);
        }
    }
}
