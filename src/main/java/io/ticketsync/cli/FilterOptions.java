package io.ticketsync.cli;

import io.ticketsync.deadletter.tools.DeadLetterFilter;
import picocli.CommandLine.Option;

import java.time.Instant;

/** The dead-letter selection options shared by {@code dlq inspect} and {@code dlq replay}. */
final class FilterOptions {

    @Option(names = "--stage", paramLabel = "STAGE", description = "DESERIALIZATION, PROCESSING or PRODUCTION.")
    private String stage;

    @Option(names = "--reason", paramLabel = "REASON", description = "e.g. invalid-json, unmapped-status.")
    private String reason;

    @Option(names = "--ticket", paramLabel = "ID", description = "Record key (the ticket id).")
    private String ticketId;

    @Option(names = "--source-partition", paramLabel = "N", description = "Input partition the record came from.")
    private Integer sourcePartition;

    @Option(names = "--source-offset-from", paramLabel = "OFFSET", description = "Lowest input offset (inclusive).")
    private Long sourceOffsetFrom;

    @Option(names = "--source-offset-to", paramLabel = "OFFSET", description = "Highest input offset (inclusive).")
    private Long sourceOffsetTo;

    @Option(names = "--since", paramLabel = "INSTANT", description = "Record timestamp at or after, e.g. 2026-11-22T00:00:00Z.")
    private Instant since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Record timestamp before.")
    private Instant until;

    @Option(names = "--include-closed",
            description = "Also letters already resolved, discarded or replayed (default: open letters only).")
    private boolean includeClosed;

    boolean includeClosed() {
        return includeClosed;
    }

    DeadLetterFilter filter() {
        return new DeadLetterFilter(stage, reason, ticketId, sourcePartition, sourceOffsetFrom, sourceOffsetTo, since, until);
    }
}
