package io.ticketsync.deadletter.tools;

/**
 * Where a dead letter sits in the dead-letter topic: its partition and offset, written
 * {@code partition@offset}. It names the letter in the console, in {@code dlq} output and as the key
 * of its resolution record.
 */
public record LetterId(int partition, long offset) implements Comparable<LetterId> {

    public LetterId {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("a letter id needs a partition and offset >= 0, got " + partition + "@" + offset);
        }
    }

    /** Parses {@code partition@offset}. */
    public static LetterId parse(final String text) {
        final int at = text == null ? -1 : text.indexOf('@');
        if (at < 1) {
            throw new IllegalArgumentException("expected partition@offset, got '" + text + "'");
        }
        try {
            return new LetterId(Integer.parseInt(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("expected partition@offset, got '" + text + "'", e);
        }
    }

    public static LetterId of(final DeadLetter letter) {
        return new LetterId(letter.partition(), letter.offset());
    }

    @Override
    public int compareTo(final LetterId other) {
        final int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
