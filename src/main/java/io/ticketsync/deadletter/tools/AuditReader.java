package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the audit topic from its beginning to its end offsets as of the start (a read ends while
 * events keep arriving), handing on the events a query selects. A record that is not an event is
 * counted and named, never fatal: the rest of the trail is still worth reading.
 */
public final class AuditReader {

    /** Unreadable records named in the report; the count covers them all. */
    static final int NAMED = 5;

    private final TicketSyncConfig config;

    public AuditReader(final TicketSyncConfig config) {
        this.config = config;
    }

    /** What a read found. */
    public record Summary(long read, long matched, long unreadable, List<String> unreadableAt) {
    }

    public Summary read(final AuditQuery query, final Consumer<AuditEntry> matched) {
        final long[] counts = new long[2];
        final List<String> unreadableAt = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            consumer.seekToBeginning(DeadLetterScan.assignAll(consumer, config.topics().audit()));
            final long read = DeadLetterScan.recordsToEnd(consumer, record -> {
                final Optional<AuditEntry> entry = AuditEntry.parse(record.value());
                if (entry.isEmpty()) {
                    counts[1]++;
                    if (unreadableAt.size() < NAMED) {
                        unreadableAt.add(record.partition() + "@" + record.offset());
                    }
                } else if (query.matches(entry.get())) {
                    counts[0]++;
                    matched.accept(entry.get());
                }
            });
            return new Summary(read, counts[0], counts[1], List.copyOf(unreadableAt));
        }
    }
}
