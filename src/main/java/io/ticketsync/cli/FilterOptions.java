package io.ticketsync.cli;

import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.failure.ErrorStage;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.time.Instant;
import java.util.Arrays;

/** The dead-letter selection options shared by {@code dlq inspect} and {@code dlq replay}. */
final class FilterOptions {

    @Option(names = "--stage", paramLabel = "STAGE", description = "The stage a letter failed at: DESERIALIZATION, PROCESSING or PRODUCTION.")
    private String stage;

    @Option(names = "--reason", paramLabel = "REASON", description = "The reason code, e.g. invalid-json or unmapped-status.")
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
            description = "Also letters already resolved, discarded or replayed (default: open letters only); replay sends discarded ones only with --include-discarded.")
    private boolean includeClosed;

    /** Whether any filter option was given: without one a command would act on every letter. */
    boolean any() {
        return stage != null || reason != null || ticketId != null || sourcePartition != null || sourceOffsetFrom != null
                || sourceOffsetTo != null || since != null || until != null;
    }

    boolean includeClosed() {
        return includeClosed;
    }

    /**
     * Refuses filters that could match nothing for a reason the user can fix at once, before any
     * command waits for the cluster: exit 2, naming the option and what it allows.
     */
    void validate(final CommandLine commandLine) {
        if (stage != null && Arrays.stream(ErrorStage.values()).noneMatch(known -> known.name().equalsIgnoreCase(stage))) {
            throw new ParameterException(commandLine, "--stage must be one of " + Arrays.toString(ErrorStage.values())
                    + ", got '" + stage + "'");
        }
        requireNotNegative(commandLine, "--source-partition", sourcePartition);
        requireNotNegative(commandLine, "--source-offset-from", sourceOffsetFrom);
        requireNotNegative(commandLine, "--source-offset-to", sourceOffsetTo);
        if (sourceOffsetFrom != null && sourceOffsetTo != null && sourceOffsetFrom > sourceOffsetTo) {
            throw new ParameterException(commandLine, "--source-offset-from (" + sourceOffsetFrom
                    + ") must not be above --source-offset-to (" + sourceOffsetTo + ")");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ParameterException(commandLine, "--since (" + since + ") must be before --until (" + until + ")");
        }
    }

    private static void requireNotNegative(final CommandLine commandLine, final String option, final Number value) {
        if (value != null && value.longValue() < 0) {
            throw new ParameterException(commandLine, option + " must be 0 or more, got " + value);
        }
    }

    DeadLetterFilter filter() {
        return new DeadLetterFilter(stage, reason, ticketId, sourcePartition, sourceOffsetFrom, sourceOffsetTo, since, until);
    }
}
