package io.ticketsync.deadletter.tools;

/**
 * One replay as the CLI or the console asks for it.
 *
 * @param target         topic to send to: the input topic unless {@code force}
 * @param maxReplays     letters already replayed this often are left alone
 * @param dryRun         send nothing, record no progress; the report lists what would be sent
 * @param batchSize      letters per transaction
 * @param force          allow a target other than the input topic (never the output or DLQ topic)
 * @param includeClosed  also replay letters already resolved, discarded or replayed
 * @param actor          who asked, recorded with each REPLAYED resolution
 */
public record ReplayRequest(DeadLetterFilter filter, String target, int maxReplays, boolean dryRun, int batchSize,
                            boolean force, boolean includeClosed, String actor) {

    /** A replay into {@code target} (which must be the input topic) of the open letters, by the OS user. */
    public static ReplayRequest of(final DeadLetterFilter filter, final String target, final int maxReplays,
                                   final boolean dryRun, final int batchSize) {
        return new ReplayRequest(filter, target, maxReplays, dryRun, batchSize, false, false, osUser());
    }

    /** Who runs a command from a shell. */
    public static String osUser() {
        return System.getProperty("user.name", "unknown");
    }
}
