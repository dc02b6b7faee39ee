package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Marks the letters of a selection resolved or discarded: scans the dead-letter topic for them and
 * records one {@link Resolution} each in the resolutions topic. Shared by {@code dlq resolve|discard}
 * and the console; every call is written to the audit log.
 */
public final class LetterMarker {


    private final TicketSyncConfig config;

    public LetterMarker(final TicketSyncConfig config) {
        this.config = config;
    }

    /** @return the decisions recorded, one per selected letter that was open (or any, with includeClosed) */
    public List<Resolution> mark(final Selection selection, final LetterStatus status, final String note, final String actor) {
        if (status == LetterStatus.OPEN || status == LetterStatus.REPLAYED) {
            throw new IllegalArgumentException("letters are marked RESOLVED or DISCARDED, not " + status);
        }
        final Map<LetterId, Resolution> decided = new ResolutionLog(config).readAll();
        final Instant now = Instant.now();
        final List<Resolution> resolutions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterScan.consumer(config.kafka().plainConsumerSettings(), null)) {
            consumer.seekToBeginning(DeadLetterScan.assignAll(consumer, config.topics().deadLetter()));
            DeadLetterScan.toEnd(consumer, letter -> {
                final LetterId id = LetterId.of(letter);
                final Resolution previous = decided.get(id);
                final boolean open = previous == null || previous.status().isOpen();
                if (selection.selects(id, letter) && (open || selection.includeClosed())) {
                    resolutions.add(new Resolution(id, status, actor, now, selection.describe(), note == null ? "" : note));
                }
            }, () -> { }, (read, total) -> { });
        }
        new ResolutionLog(config).write(resolutions);
        AuditLog.logger().info(AuditEvent.of(status.name().toLowerCase(java.util.Locale.ROOT), actor, "done")
                .with("selection", selection.describe()).with("letters", resolutions.size()).with("note", note));
        return resolutions;
    }
}
