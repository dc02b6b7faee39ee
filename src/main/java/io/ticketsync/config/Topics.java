package io.ticketsync.config;

import java.util.HashSet;
import java.util.List;

/**
 * The topics ticket-sync reads and writes. {@code replay} is read beside {@code input}, into the
 * same processor and store: replayed, edited and transformed dead letters go there, so the input's
 * other consumers never see them. {@code resolutions} is the compacted record of what
 * operators decided about dead letters (resolved, discarded, replayed), keyed by the letter's
 * dead-letter partition@offset; the pipeline itself never touches it. {@code control} is the
 * compacted, group-wide state of the dead-letter surge brake (tripped or released), which every
 * instance reads and the brake's commands write. {@code audit} is the trail of who did what to
 * dead letters and the brake, kept for {@code auditRetentionMs} (-1: for ever); its retention is
 * part of the layout because it is set when the topic is created.
 */
public record Topics(String input, String replay, String output, String deadLetter, String resolutions, String control,
                     String audit, long auditRetentionMs) {

    /** A year: {@code dlq.audit.retention.ms} in config/ticket-sync.properties, for layouts built without a configuration. */
    public static final long DEFAULT_AUDIT_RETENTION_MS = 31_536_000_000L;

    private static final String RETENTION_EXPECTED = "a positive number of milliseconds, or -1 to keep the audit trail for ever";

    public Topics {
        if (new HashSet<>(all(input, replay, output, deadLetter, resolutions, control, audit)).size() != 7) {
            throw new InvalidConfigException("input.topic, replay.topic, output.topic, dlq.topic, dlq.resolutions.topic,"
                    + " dlq.control.topic and dlq.audit.topic must be seven different topics, got input=" + input
                    + ", replay=" + replay + ", output=" + output + ", dlq=" + deadLetter + ", resolutions=" + resolutions + ", control=" + control
                    + ", audit=" + audit);
        }
    }

    static Topics read(final RawConfig raw) {
        final String deadLetter = raw.required(ConfigKeys.DLQ_TOPIC);
        final long retention = raw.longBetween(ConfigKeys.DLQ_AUDIT_RETENTION_MS, -1, Long.MAX_VALUE, RETENTION_EXPECTED);
        // 0 would delete the trail as soon as it is written.
        if (retention == 0) {
            throw raw.invalid(ConfigKeys.DLQ_AUDIT_RETENTION_MS, "'" + ConfigKeys.DLQ_AUDIT_RETENTION_MS + "' must be "
                    + RETENTION_EXPECTED + ", got '0'");
        }
        final String input = raw.required(ConfigKeys.INPUT_TOPIC);
        return new Topics(input, raw.optional(ConfigKeys.REPLAY_TOPIC).map(String::trim).orElse(replayTopicOf(input)),
                raw.required(ConfigKeys.OUTPUT_TOPIC), deadLetter,
                raw.optional(ConfigKeys.DLQ_RESOLUTIONS_TOPIC).orElse(resolutionsTopicOf(deadLetter)),
                raw.optional(ConfigKeys.DLQ_CONTROL_TOPIC).orElse(controlTopicOf(deadLetter)),
                raw.optional(ConfigKeys.DLQ_AUDIT_TOPIC).orElse(auditTopicOf(deadLetter)), retention);
    }

    /**
     * The topics with the replay topic named after the input, the resolutions, control and audit
     * topics after the dead-letter topic; the default retention.
     */
    public Topics(final String input, final String output, final String deadLetter) {
        this(input, replayTopicOf(input), output, deadLetter, resolutionsTopicOf(deadLetter), controlTopicOf(deadLetter), auditTopicOf(deadLetter),
                DEFAULT_AUDIT_RETENTION_MS);
    }

    /** Every topic, the pipeline's first. */
    public List<String> all() {
        return all(input, replay, output, deadLetter, resolutions, control, audit);
    }

    /** The default name of the replay topic: {@code <input topic>.replay}. */
    public static String replayTopicOf(final String inputTopic) {
        return inputTopic + ".replay";
    }

    /** The default name of the resolutions topic: {@code <dead-letter topic>.resolutions}. */
    public static String resolutionsTopicOf(final String deadLetterTopic) {
        return deadLetterTopic + ".resolutions";
    }

    /** The default name of the brake's control topic: {@code <dead-letter topic>.control}. */
    public static String controlTopicOf(final String deadLetterTopic) {
        return deadLetterTopic + ".control";
    }

    /** The default name of the audit topic: {@code <dead-letter topic>.audit}. */
    public static String auditTopicOf(final String deadLetterTopic) {
        return deadLetterTopic + ".audit";
    }

    private static List<String> all(final String... topics) {
        return List.of(topics);
    }
}
