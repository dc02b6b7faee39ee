package io.ticketsync.config;

import java.util.HashSet;
import java.util.List;

/**
 * The topics ticket-sync reads and writes. {@code resolutions} is the compacted record of what
 * operators decided about dead letters (resolved, discarded, replayed), keyed by the letter's
 * dead-letter partition@offset; the pipeline itself never touches it. {@code control} is the
 * compacted, group-wide state of the dead-letter surge brake (tripped or released), which every
 * instance reads and the brake's commands write.
 */
public record Topics(String input, String output, String deadLetter, String resolutions, String control) {

    public Topics {
        if (new HashSet<>(all(input, output, deadLetter, resolutions, control)).size() != 5) {
            throw new InvalidConfigException("input.topic, output.topic, dlq.topic, dlq.resolutions.topic and"
                    + " dlq.control.topic must be five different topics, got input=" + input + ", output=" + output
                    + ", dlq=" + deadLetter + ", resolutions=" + resolutions + ", control=" + control);
        }
    }

    static Topics read(final RawConfig raw) {
        final String deadLetter = raw.required(ConfigKeys.DLQ_TOPIC);
        return new Topics(raw.required(ConfigKeys.INPUT_TOPIC), raw.required(ConfigKeys.OUTPUT_TOPIC), deadLetter,
                raw.optional(ConfigKeys.DLQ_RESOLUTIONS_TOPIC).orElse(resolutionsTopicOf(deadLetter)),
                raw.optional(ConfigKeys.DLQ_CONTROL_TOPIC).orElse(controlTopicOf(deadLetter)));
    }

    /** The topics with the resolutions and control topics named after the dead-letter topic. */
    public Topics(final String input, final String output, final String deadLetter) {
        this(input, output, deadLetter, resolutionsTopicOf(deadLetter), controlTopicOf(deadLetter));
    }

    /** Every topic, the pipeline's first. */
    public List<String> all() {
        return all(input, output, deadLetter, resolutions, control);
    }

    /** The default name of the resolutions topic: {@code <dead-letter topic>.resolutions}. */
    public static String resolutionsTopicOf(final String deadLetterTopic) {
        return deadLetterTopic + ".resolutions";
    }

    /** The default name of the brake's control topic: {@code <dead-letter topic>.control}. */
    public static String controlTopicOf(final String deadLetterTopic) {
        return deadLetterTopic + ".control";
    }

    private static List<String> all(final String... topics) {
        return List.of(topics);
    }
}
