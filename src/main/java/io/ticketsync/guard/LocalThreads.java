package io.ticketsync.guard;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

import java.util.Set;

/** The client's stream threads, or none while the client cannot say (not started, closed, failed). */
final class LocalThreads {

    private LocalThreads() {
    }

    static Set<ThreadMetadata> of(final KafkaStreams streams) {
        try {
            return streams.metadataForLocalThreads();
        } catch (final RuntimeException e) {
            return Set.of();
        }
    }
}
