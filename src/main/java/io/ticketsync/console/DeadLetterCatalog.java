package io.ticketsync.console;

import io.ticketsync.deadletter.tools.LetterId;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What is in the dead-letter topic, with each letter's status from the resolutions topic. Kept up
 * to date by tailing both topics; answers from an index of small per-letter summaries, and reads a
 * letter's full record from Kafka only when asked for its detail.
 */
public interface DeadLetterCatalog extends AutoCloseable {

    /** Totals, counts by stage and reason, a timeline in buckets of {@code bucket}, and the newest letters. */
    Overview overview(Duration bucket, int newest);

    /** One page of the letters matching {@code query}, newest first. */
    LetterPage page(LetterQuery query);

    /** The whole letter read from Kafka, with its status; empty when there is no such letter (or it was deleted by retention). */
    Optional<LetterDetail> letter(LetterId id);

    /** How far the index has read the topics (the UI says "indexing" until it has caught up once). */
    CatalogProgress progress();

    /**
     * Per dead-letter partition, the offset up to which the index has read: a page built now shows
     * letters below it, so a mark of "all matching" stops there. Null when unknown (then a mark
     * goes to the current end).
     */
    default Map<Integer, Long> indexedEnds() {
        return null;
    }

    @Override
    void close();
}
