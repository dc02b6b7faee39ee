package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ticketsync.codec.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What a dry run showed, for the confirm step to do exactly that: the selection, the dead-letter
 * topic it was made on (its id), the end offset of each partition when it was made (letters that
 * arrive later are not in it), and, when at most {@link #MAX_LETTERS}, the letters themselves with
 * their fingerprints. Carried by the console's confirm form and written by {@code dlq replay
 * --dry-run --plan FILE} for {@code --execute-plan FILE}.
 *
 * @param letters null when more letters were selected than a plan lists: then the confirm step
 *                sends what matches below {@code ends}, and reports any difference in count
 * @param transform the transform rules' text (the same rules are applied when it is sent), or null
 * @param ratePerSecond the rate to send at, 0 for no limit
 */
public record ReplayPlan(DeadLetterFilter filter, String target, int maxReplays, boolean force, boolean includeClosed,
                         boolean includeDiscarded, String dlqTopicId, Map<Integer, Long> ends, List<Planned> letters,
                         long count, Instant made, String madeBy, String transform, int ratePerSecond) {

    /** A plan without transform rules, sent as fast as it can be. */
    public ReplayPlan(final DeadLetterFilter filter, final String target, final int maxReplays, final boolean force,
                      final boolean includeClosed, final boolean includeDiscarded, final String dlqTopicId,
                      final Map<Integer, Long> ends, final List<Planned> letters, final long count, final Instant made,
                      final String madeBy) {
        this(filter, target, maxReplays, force, includeClosed, includeDiscarded, dlqTopicId, ends, letters, count, made, madeBy,
                null, 0);
    }

    /** The plan for {@code request}, which it sends exactly. */
    static ReplayPlan of(final ReplayRequest request, final String dlqTopicId, final Map<Integer, Long> ends,
                         final List<Planned> letters, final long count) {
        return new ReplayPlan(request.filter(), request.target(), request.maxReplays(), request.force(), request.includeClosed(),
                request.includeDiscarded(), dlqTopicId, ends, letters, count, Instant.now(), request.actor(),
                request.transform() == null ? null : request.transform().text(), request.ratePerSecond());
    }

    /** The same plan sent at another rate (0: no limit). */
    public ReplayPlan atRate(final int rate) {
        return new ReplayPlan(filter, target, maxReplays, force, includeClosed, includeDiscarded, dlqTopicId, ends, letters,
                count, made, madeBy, transform, rate);
    }

    /** Two thousand listed letters keep the console's confirm form under Jetty's 200 KB form limit. */
    public static final int MAX_LETTERS = 2_000;

    /** One letter a plan sends, bound to the letter it showed. */
    public record Planned(String id, String fingerprint) {
        @JsonIgnore
        public LetterId letterId() {
            return LetterId.parse(id);
        }
    }

    public ReplayPlan {
        ends = Map.copyOf(ends);
        letters = letters == null ? null : List.copyOf(letters);
    }

    /** The request the plan carries out (not a dry run), with the plan's transform rules and rate. */
    public ReplayRequest request(final String actor, final int batchSize) {
        return new ReplayRequest(filter, target, maxReplays, false, batchSize, force, includeClosed, includeDiscarded, actor,
                transform == null ? null : TransformRules.parse(transform), ratePerSecond);
    }

    public byte[] toJson() {
        try {
            return Json.MAPPER.writeValueAsBytes(this);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a plan */
    public static ReplayPlan fromJson(final byte[] json) {
        try {
            final ReplayPlan plan = Json.MAPPER.readValue(json, ReplayPlan.class);
            if (plan.filter() == null || plan.target() == null || plan.dlqTopicId() == null || plan.ends() == null) {
                throw new IllegalArgumentException("the plan lacks its selection, target, topic id or end offsets");
            }
            return plan;
        } catch (final IOException e) {
            throw new IllegalArgumentException("not a replay plan: " + e.getMessage(), e);
        }
    }

    /** For a hidden form field. */
    public String toToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(toJson());
    }

    /** @throws IllegalArgumentException when the token is not a plan */
    public static ReplayPlan fromToken(final String token) {
        try {
            return fromJson(Base64.getUrlDecoder().decode(token == null ? "" : token.trim()));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("the confirm form's plan is damaged: " + e.getMessage(), e);
        }
    }

    public void write(final Path file) throws IOException {
        Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** @throws IllegalArgumentException when the file cannot be read as a plan */
    public static ReplayPlan read(final Path file) {
        try {
            return fromJson(Files.readAllBytes(file));
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read the plan " + file + ": " + e.getMessage(), e);
        }
    }
}
