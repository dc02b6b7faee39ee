package io.ticketsync.console;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Up to {@value #CAPACITY} letters in columns of primitives, no object per letter: partition and
 * offset in the dead-letter topic, timestamp, kind, source partition and offset, the capped key
 * text, and (only once a letter of the segment has one) replay counts, decisions and removals.
 * Longs are stored as int differences from the segment's first value; a letter whose difference
 * does not fit starts the next segment. Beside the columns, what a query needs to skip the whole
 * segment: its time range, kinds, source partitions, open letters and a Bloom filter of its keys.
 * Not thread-safe: {@link LetterIndex} locks.
 */
final class LetterSegment {

    static final int CAPACITY = 4096;
    private static final int BLOOM_BITS = CAPACITY * 8;
    private static final byte[] NULL_KEY = {(byte) 0xff};

    private int size;
    private final char[] partition = new char[CAPACITY];
    private final int[] offset = new int[CAPACITY];
    private final int[] timestamp = new int[CAPACITY];
    private final char[] kind = new char[CAPACITY];
    /** Source partition + 1, so that -1 (no header) fits a char. */
    private final char[] sourcePartition = new char[CAPACITY];
    private final int[] sourceOffset = new int[CAPACITY];
    private final int[] keyEnd = new int[CAPACITY];
    private byte[] keys = new byte[CAPACITY * 8];
    private final long[] keyBloom = new long[BLOOM_BITS / Long.SIZE];
    private char[] replays;
    private int[] decisions;
    private long[] removed;
    private long offsetBase;
    private long timestampBase;
    private long sourceOffsetBase;

    private long minTimestamp = Long.MAX_VALUE;
    private long maxTimestamp = Long.MIN_VALUE;
    private final BitSet kinds = new BitSet();
    /** Bit (source partition mod 64): a query for another partition skips the segment. */
    private long sourcePartitions;
    private final Map<Integer, long[]> offsetRanges = new HashMap<>();
    private int live;
    private int decided;

    /** Appends a letter; false when the segment is full or one of its longs is too far from the segment's first. */
    boolean tryAdd(final int letterPartition, final long letterOffset, final long timestampMs, final int letterKind,
                   final int letterSourcePartition, final long letterSourceOffset, final int replayCount, final byte[] key) {
        if (size == CAPACITY) {
            return false;
        }
        if (size == 0) {
            offsetBase = letterOffset;
            timestampBase = timestampMs;
            sourceOffsetBase = letterSourceOffset;
        }
        if (!fitsInt(letterOffset - offsetBase) || !fitsInt(timestampMs - timestampBase)
                || !fitsInt(letterSourceOffset - sourceOffsetBase)) {
            return false;
        }
        final int i = size;
        partition[i] = (char) letterPartition;
        offset[i] = (int) (letterOffset - offsetBase);
        timestamp[i] = (int) (timestampMs - timestampBase);
        kind[i] = (char) letterKind;
        sourcePartition[i] = (char) (letterSourcePartition + 1);
        sourceOffset[i] = (int) (letterSourceOffset - sourceOffsetBase);
        final byte[] stored = key == null ? NULL_KEY : key;
        final int start = i == 0 ? 0 : keyEnd[i - 1];
        if (start + stored.length > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 3 / 2, start + stored.length));
        }
        System.arraycopy(stored, 0, keys, start, stored.length);
        keyEnd[i] = start + stored.length;
        bloomAdd(stored);
        if (replayCount != 0) {
            if (replays == null) {
                replays = new char[CAPACITY];
            }
            replays[i] = (char) Math.min(Character.MAX_VALUE, replayCount);
        }
        minTimestamp = Math.min(minTimestamp, timestampMs);
        maxTimestamp = Math.max(maxTimestamp, timestampMs);
        kinds.set(letterKind);
        sourcePartitions |= 1L << Math.floorMod(letterSourcePartition, Long.SIZE);
        offsetRanges.merge(letterPartition, new long[]{letterOffset, letterOffset},
                (range, added) -> new long[]{Math.min(range[0], added[0]), Math.max(range[1], added[1])});
        size++;
        live++;
        return true;
    }

    /** Gives back the unused part of the key bytes once no letter will be added. */
    void seal() {
        keys = Arrays.copyOf(keys, size == 0 ? 0 : keyEnd[size - 1]);
    }

    int size() {
        return size;
    }

    int live() {
        return live;
    }

    int open() {
        return live - decided;
    }

    int partition(final int i) {
        return partition[i];
    }

    long offset(final int i) {
        return offsetBase + offset[i];
    }

    long timestamp(final int i) {
        return timestampBase + timestamp[i];
    }

    int kind(final int i) {
        return kind[i];
    }

    int sourcePartition(final int i) {
        return sourcePartition[i] - 1;
    }

    long sourceOffset(final int i) {
        return sourceOffsetBase + sourceOffset[i];
    }

    int replayCount(final int i) {
        return replays == null ? 0 : replays[i];
    }

    /** The key as stored (capped), or null. */
    String key(final int i) {
        final int start = i == 0 ? 0 : keyEnd[i - 1];
        final int length = keyEnd[i] - start;
        if (length == 1 && keys[start] == NULL_KEY[0]) {
            return null;
        }
        return new String(keys, start, length, StandardCharsets.UTF_8);
    }

    boolean keyEquals(final int i, final byte[] key) {
        final int start = i == 0 ? 0 : keyEnd[i - 1];
        return Arrays.equals(keys, start, keyEnd[i], key, 0, key.length);
    }

    boolean mayHoldKey(final byte[] key) {
        final int hash = mix(Arrays.hashCode(key));
        final int step = (hash >>> 16) | 1;
        for (int k = 0; k < 3; k++) {
            final int bit = (hash + k * step) & (BLOOM_BITS - 1);
            if ((keyBloom[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    boolean removed(final int i) {
        return removed != null && (removed[i >>> 6] & (1L << i)) != 0;
    }

    int decision(final int i) {
        return decisions == null ? 0 : decisions[i];
    }

    void decide(final int i, final int decision) {
        if (decisions == null) {
            if (decision == 0) {
                return;
            }
            decisions = new int[CAPACITY];
        }
        decided += (decision != 0 ? 1 : 0) - (decisions[i] != 0 ? 1 : 0);
        decisions[i] = decision;
    }

    /** Marks the letter gone (deleted by retention); its decision goes with it. */
    void remove(final int i) {
        decide(i, 0);
        if (removed == null) {
            removed = new long[CAPACITY / Long.SIZE];
        }
        removed[i >>> 6] |= 1L << i;
        live--;
    }

    /** Whether any letter here could match: false lets a query skip the whole segment. */
    boolean mayHold(final boolean[] kindMatches, final long sinceMs, final long untilMs, final Integer querySourcePartition,
                    final boolean openOnly) {
        if (live == 0 || (openOnly && open() == 0) || maxTimestamp < sinceMs || minTimestamp >= untilMs) {
            return false;
        }
        if (querySourcePartition != null && (sourcePartitions & (1L << Math.floorMod(querySourcePartition, Long.SIZE))) == 0) {
            return false;
        }
        for (int k = kinds.nextSetBit(0); k >= 0; k = kinds.nextSetBit(k + 1)) {
            if (k < kindMatches.length && kindMatches[k]) {
                return true;
            }
        }
        return false;
    }

    /** The lowest and highest offset of {@code letterPartition} here, or null. */
    long[] offsetRange(final int letterPartition) {
        return offsetRanges.get(letterPartition);
    }

    /** Where the letter at {@code letterPartition@letterOffset} is here, or -1. */
    int find(final int letterPartition, final long letterOffset) {
        final long[] range = offsetRanges.get(letterPartition);
        if (range == null || letterOffset < range[0] || letterOffset > range[1]) {
            return -1;
        }
        if (offsetRanges.size() == 1) {
            // One partition: offsets rise with position (the consumer reads a partition in order).
            final int found = Arrays.binarySearch(offset, 0, size, (int) (letterOffset - offsetBase));
            return found >= 0 ? found : -1;
        }
        for (int i = 0; i < size; i++) {
            if (partition[i] == letterPartition && offset(i) == letterOffset) {
                return i;
            }
        }
        return -1;
    }

    private void bloomAdd(final byte[] key) {
        final int hash = mix(Arrays.hashCode(key));
        final int step = (hash >>> 16) | 1;
        for (int k = 0; k < 3; k++) {
            final int bit = (hash + k * step) & (BLOOM_BITS - 1);
            keyBloom[bit >>> 6] |= 1L << bit;
        }
    }

    private static int mix(final int hash) {
        int h = hash * 0x9E3779B9;
        h ^= h >>> 15;
        return h * 0x85EBCA6B;
    }

    private static boolean fitsInt(final long difference) {
        return difference >= Integer.MIN_VALUE && difference <= Integer.MAX_VALUE;
    }
}
