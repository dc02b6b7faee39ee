package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketsync.codec.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One replay as the CLI or the console asks for it.
 *
 * @param target           topic to send to: the replay topic unless {@code force}
 * @param maxReplays       letters already replayed this often are left alone
 * @param dryRun           send nothing, record no progress; the report lists what would be sent and its plan
 * @param batchSize        letters per transaction (a transaction also commits after {@link DlqWriter#COMMIT_EVERY})
 * @param force            allow a target other than the replay topic (never the output or DLQ topic)
 * @param includeClosed    also replay letters already resolved or replayed
 * @param includeDiscarded also replay letters discarded as not wanted: asked for apart, on purpose
 * @param actor            who asked, as {@link Actor#display()}: recorded with each REPLAYED resolution and in plans
 * @param transform        rules applied to every letter before it is sent (only letters they change are sent); null for none
 * @param ratePerSecond    at most this many letters a second over the whole run; 0 for no limit
 */
public record ReplayRequest(DeadLetterFilter filter, String target, int maxReplays, boolean dryRun, int batchSize,
                            boolean force, boolean includeClosed, boolean includeDiscarded, String actor,
                            TransformRules transform, int ratePerSecond) {

    /** A replay that sends the letters as they are, as fast as it can. */
    public ReplayRequest(final DeadLetterFilter filter, final String target, final int maxReplays, final boolean dryRun,
                         final int batchSize, final boolean force, final boolean includeClosed, final boolean includeDiscarded,
                         final String actor) {
        this(filter, target, maxReplays, dryRun, batchSize, force, includeClosed, includeDiscarded, actor, null, 0);
    }

    /** The same request with transform rules and a rate. */
    public ReplayRequest with(final TransformRules rules, final int rate) {
        return new ReplayRequest(filter, target, maxReplays, dryRun, batchSize, force, includeClosed, includeDiscarded, actor,
                rules, rate);
    }

    /** A replay into {@code target} (which must be the replay topic) of the open letters, asked for by {@code actor}. */
    public static ReplayRequest of(final DeadLetterFilter filter, final String target, final int maxReplays,
                                   final boolean dryRun, final int batchSize, final Actor actor) {
        return new ReplayRequest(filter, target, maxReplays, dryRun, batchSize, false, false, false, actor.display());
    }

    /** Whether a letter with this status may be sent. */
    boolean allows(final LetterStatus status) {
        return status.isOpen() || (status == LetterStatus.DISCARDED ? includeDiscarded : includeClosed);
    }

    /** The selection as readable text, for reports and the audit. */
    public String describe() {
        return filter.describe() + (includeClosed ? ",include-closed" : "") + (includeDiscarded ? ",include-discarded" : "")
                + (transform == null ? "" : ",transform=" + transform.hash());
    }

    /**
     * Every field that decides what a replay sends, as canonical JSON: the name of its progress
     * group, so two requests share progress exactly when they select the same letters the same way.
     * Transform rules are part of it (a transform leaves the letters it does not change, which a
     * plain replay must still find), but only when given, so plain replays keep their groups.
     */
    String canonical() {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("filter", filter.canonical());
        fields.put("target", target);
        fields.put("maxReplays", maxReplays);
        fields.put("includeClosed", includeClosed);
        fields.put("includeDiscarded", includeDiscarded);
        if (transform != null) {
            fields.put("transform", transform.hash());
        }
        try {
            return Json.MAPPER.writeValueAsString(fields);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
