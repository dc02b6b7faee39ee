package io.ticketsync.config;

import java.util.HashSet;
import java.util.List;

/**
 * The topics ticket-sync reads and writes. {@code resolutions} is the compacted record of what
 * operators decided about dead letters (resolved, discarded, replayed), keyed by the letter's
 * dead-letter partition@offset; the pipeline itself never touches it.
 */
public record Topics(String input, String output, String deadLetter, String resolutions) {

    public Topics {
        if (new HashSet<>(List.of(input, output, deadLetter, resolutions)).size() != 4) {
            throw new InvalidConfigException("input.topic, output.topic, dlq.topic and dlq.resolutions.topic must be four"
                    + " different topics, got input=" + input + ", output=" + output + ", dlq=" + deadLetter
                    + ", resolutions=" + resolutions);
        }
    }

    static Topics read(final RawConfig raw) {
        final String deadLetter = raw.required(ConfigKeys.DLQ_TOPIC);
        return new Topics(raw.required(ConfigKeys.INPUT_TOPIC), raw.required(ConfigKeys.OUTPUT_TOPIC), deadLetter,
                raw.optional(ConfigKeys.DLQ_RESOLUTIONS_TOPIC).orElse(resolutionsTopicOf(deadLetter)));
    }

    /** The topics with the resolutions topic named after the dead-letter topic. */
    public Topics(final String input, final String output, final String deadLetter) {
        this(input, output, deadLetter, resolutionsTopicOf(deadLetter));
    }

    /** The default name of the resolutions topic: {@code <dead-letter topic>.resolutions}. */
    public static String resolutionsTopicOf(final String deadLetterTopic) {
        return deadLetterTopic + ".resolutions";
    }
}
