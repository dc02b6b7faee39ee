package io.ticketsync.dlq;

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
}
