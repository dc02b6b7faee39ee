package io.ticketsync.testing;

import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Dead letters as the tools read them from the DLQ, without a broker. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter letter(final long offset, final Instant at, final String stage, final String reason,
                                    final String ticket, final byte[] value) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.STAGE, utf8(stage));
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        headers.add(DeadLetterHeaders.TOPIC, utf8("tickets.changes"));
        headers.add(DeadLetterHeaders.PARTITION, utf8(String.valueOf(offset % 6)));
        headers.add(DeadLetterHeaders.OFFSET, utf8(String.valueOf(offset * 10)));
        headers.add(DeadLetterHeaders.EXCEPTION, utf8("io.ticketsync.failure.BadRecordException"));
        return DeadLetter.of(new ConsumerRecord<>("tickets.dlq", 0, offset, at.toEpochMilli(), TimestampType.CREATE_TIME,
                -1, -1, ticket == null ? null : utf8(ticket), value, headers, Optional.empty()));
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
