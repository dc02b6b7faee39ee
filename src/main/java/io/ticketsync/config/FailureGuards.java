package io.ticketsync.config;

import java.time.Duration;
import java.util.List;

import static io.ticketsync.config.ConfigKeys.DLQ_SURGE_ACTION;
import static io.ticketsync.config.ConfigKeys.DLQ_SURGE_MIN_RECORDS;
import static io.ticketsync.config.ConfigKeys.DLQ_SURGE_THRESHOLD;
import static io.ticketsync.config.ConfigKeys.DLQ_SURGE_THRESHOLD_ALL;
import static io.ticketsync.config.ConfigKeys.DLQ_SURGE_THRESHOLD_STAGE;
import static io.ticketsync.config.ConfigKeys.DLQ_SURGE_WINDOW_RECORDS;
import static io.ticketsync.config.ConfigKeys.HEALTH_STUCK_ACTION;
import static io.ticketsync.config.ConfigKeys.HEALTH_STUCK_TIMEOUT_MS;
import static io.ticketsync.config.ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX;
import static io.ticketsync.config.ConfigKeys.UNCAUGHT_BROKER_REPLACE_WINDOW_MS;
import static io.ticketsync.config.ConfigKeys.UNCAUGHT_FATAL_EXCEPTIONS;
import static io.ticketsync.config.ConfigKeys.UNCAUGHT_REPLACE_MAX;
import static io.ticketsync.config.ConfigKeys.UNCAUGHT_REPLACE_WINDOW_MS;

/**
 * The settings of the guards that make failures loud: the thread-replacement budgets, the stuck
 * detector and the dead-letter surge brake. They are validated together because together they
 * guarantee that a thread which keeps dying cannot keep the instance alive with liveness up.
 *
 * @param replaceMax      at most this many stream-thread replacements within {@code replaceWindow}
 * @param brokerReplaceMax at most this many replacements of threads a broker fault killed (the broker
 *                        aborted or fenced the transaction) within {@code brokerReplaceWindow}; they are
 *                        not charged to {@code replaceMax}
 * @param fatalExceptions exceptions that shut the client down at once
 * @param stuckTimeout    liveness fails when a task with input waiting has not committed for this long
 * @param stuckAction     what a stuck instance does: exit (so any supervisor restarts it) or only report
 * @param surgeLimits     when a surge of dead letters pauses the application
 */
public record FailureGuards(int replaceMax, Duration replaceWindow, int brokerReplaceMax, Duration brokerReplaceWindow,
                            List<Class<? extends Throwable>> fatalExceptions,
                            Duration stuckTimeout, StuckAction stuckAction, SurgeLimits surgeLimits) {

    /** More replacements than this within one window is no budget at all. */
    static final int MAX_REPLACEMENTS = 100;
    /** A stuck timeout longer than this would let a dead partition look alive for hours. */
    static final Duration MAX_STUCK_TIMEOUT = Duration.ofHours(1);

    static FailureGuards read(final RawConfig raw, final long commitIntervalMs) {
        final FailureGuards guards = new FailureGuards(raw.nonNegativeInt(UNCAUGHT_REPLACE_MAX),
                raw.millis(UNCAUGHT_REPLACE_WINDOW_MS), raw.nonNegativeInt(UNCAUGHT_BROKER_REPLACE_MAX),
                raw.millis(UNCAUGHT_BROKER_REPLACE_WINDOW_MS), raw.throwableClasses(UNCAUGHT_FATAL_EXCEPTIONS),
                raw.millis(HEALTH_STUCK_TIMEOUT_MS), raw.choice(HEALTH_STUCK_ACTION, StuckAction.class),
                surgeLimits(raw));
        guards.validate(raw, commitIntervalMs);
        return guards;
    }

    private static SurgeLimits surgeLimits(final RawConfig raw) {
        // Checked before anything is sized by it: a mistyped window must not allocate its size.
        final int window = (int) raw.longBetween(DLQ_SURGE_WINDOW_RECORDS, 1, SurgeLimits.MAX_WINDOW_RECORDS,
                "a number of records from 1 to " + SurgeLimits.MAX_WINDOW_RECORDS);
        return new SurgeLimits(window, raw.positiveInt(DLQ_SURGE_MIN_RECORDS), raw.fraction(DLQ_SURGE_THRESHOLD),
                raw.fraction(DLQ_SURGE_THRESHOLD_STAGE), raw.fraction(DLQ_SURGE_THRESHOLD_ALL),
                raw.choice(DLQ_SURGE_ACTION, SurgeAction.class));
    }

    private void validate(final RawConfig raw, final long commitIntervalMs) {
        if (stuckTimeout.compareTo(MAX_STUCK_TIMEOUT) > 0) {
            throw raw.invalid(HEALTH_STUCK_TIMEOUT_MS, "'" + HEALTH_STUCK_TIMEOUT_MS + "' must be at most "
                    + MAX_STUCK_TIMEOUT.toMillis() + ", got " + stuckTimeout.toMillis());
        }
        validateBudget(raw, UNCAUGHT_REPLACE_MAX, replaceMax, UNCAUGHT_REPLACE_WINDOW_MS, replaceWindow);
        validateBudget(raw, UNCAUGHT_BROKER_REPLACE_MAX, brokerReplaceMax, UNCAUGHT_BROKER_REPLACE_WINDOW_MS, brokerReplaceWindow);
        if (stuckTimeout.toMillis() <= commitIntervalMs) {
            throw raw.invalid(HEALTH_STUCK_TIMEOUT_MS, "'" + HEALTH_STUCK_TIMEOUT_MS + "' (" + stuckTimeout.toMillis()
                    + ") must be longer than commit.interval.ms (" + commitIntervalMs
                    + "), or every healthy partition would look stuck between commits");
        }
        if (surgeLimits.minRecords() > surgeLimits.windowRecords()) {
            throw raw.invalid(DLQ_SURGE_MIN_RECORDS, "'" + DLQ_SURGE_MIN_RECORDS + "' (" + surgeLimits.minRecords()
                    + ") must not exceed '" + DLQ_SURGE_WINDOW_RECORDS + "' (" + surgeLimits.windowRecords() + ")");
        }
    }

    private void validateBudget(final RawConfig raw, final String maxKey, final int max, final String windowKey, final Duration window) {
        if (max > MAX_REPLACEMENTS) {
            throw raw.invalid(maxKey, "'" + maxKey + "' must be at most " + MAX_REPLACEMENTS + ", got " + max);
        }
        if (window.compareTo(stuckTimeout) < 0) {
            throw raw.invalid(windowKey, "'" + windowKey + "' (" + window.toMillis()
                    + ") must be at least '" + HEALTH_STUCK_TIMEOUT_MS + "' (" + stuckTimeout.toMillis()
                    + "): a shorter window forgets a thread's deaths before a stuck partition is noticed");
        }
    }
}
