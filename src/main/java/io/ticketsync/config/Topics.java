package io.ticketsync.config;

/**
 * The topics ticket-sync reads and writes. {@code resolutions} is the compacted record of what
 * operators decided about dead letters (resolved, discarded, replayed), keyed by the letter's
 * dead-letter partition@offset; the pipeline itself never touches it.
 */
public record Topics(String input, String output, String deadLetter, String resolutions) {

    /** The topics with the resolutions topic named after the dead-letter topic. */
    public Topics(final String input, final String output, final String deadLetter) {
        this(input, output, deadLetter, resolutionsTopicOf(deadLetter));
    }

    /** The default name of the resolutions topic: {@code <dead-letter topic>.resolutions}. */
    public static String resolutionsTopicOf(final String deadLetterTopic) {
        return deadLetterTopic + ".resolutions";
    }
}
