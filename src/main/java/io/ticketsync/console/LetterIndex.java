package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DecisionRecord;
import io.ticketsync.deadletter.tools.LetterFingerprint;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.Resolution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The console's index of the dead-letter topic, and the decisions bound to its letters.
 *
 * <p>Memory: no object per letter. Letters sit in {@link LetterSegment}s of 4,096, in columns of
 * primitives: 2 bytes partition, 4 offset, 4 timestamp, 2 kind, 2 source partition, 4 source offset,
 * 4 key end, 1 Bloom-filter byte, and the key's UTF-8 bytes capped at {@value #KEY_CAP_CHARS}
 * characters (a longer key is stored cut, with "…"; a ticket filter compares the cut text): 23 bytes
 * plus the key, about 30 bytes a letter for keys like {@code T-1234}. A segment holding a decided
 * letter adds 4 bytes a letter, one holding a replayed letter 2, one with a letter deleted by
 * retention 1 bit; a segment whose letters are all gone is dropped. Decisions are stored once per
 * distinct decision ({@link DecisionTable}), counts per kind and time slot once per kind and slot.
 *
 * <p>Speed: the overview reads the kept counts, never the letters. A page walks the segments newest
 * first, skipping any segment whose time range, kinds, source partitions, open letters or key Bloom
 * filter rule it out, and stops once it has its page and its count; counts above
 * {@value #COUNT_CAP} read "more than". Readers share a read lock; the tailer takes the write lock
 * for one letter or decision at a time.
 *
 * <p>Decisions: one applies only if the letter at its id has its fingerprint; a decision read before
 * its letter waits until the partition is read past it, then is dropped. Letters below a partition's
 * log-start offset are removed with their decisions.
 */
final class LetterIndex {

    /** The timeline never has more bars than this (+1 for alignment); wider buckets are used instead. */
    static final int MAX_BUCKETS = 48;
    /** Keys are kept to this many characters: a 900 KB key costs what a 64-character one does. */
    static final int KEY_CAP_CHARS = 64;
    static final String CUT = "…";
    /** Counts beyond this read "more than": counting further would walk every letter. */
    static final long COUNT_CAP = 100_000;
    private static final int PROBLEMS_KEPT = 5;
    private static final int CAPACITY = LetterSegment.CAPACITY;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Segment n holds positions n * CAPACITY onwards; null once all its letters are gone. */
    private final List<LetterSegment> segments = new ArrayList<>();
    private final Map<Integer, PartitionLetters> partitions = new HashMap<>();
    private final Map<LetterId, DecisionRecord.Decided> pending = new HashMap<>();
    private final Deque<String> problems = new ArrayDeque<>();
    private LetterKinds kinds = new LetterKinds();
    private final TimelineCounts timeline = new TimelineCounts();
    private final DecisionTable decisions = new DecisionTable();
    private long live;
    private long open;
    private long mismatched;
    private long unmatched;
    private long foreign;
    private long invalid;

    void add(final DeadLetter letter) {
        final byte[] key = capped(letter.key());
        write(() -> {
            final int kind = kinds.number(letter.stage(), letter.reason(), letter.sourceTopic(), letter.exception());
            LetterSegment tail = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (tail == null || !tail.tryAdd(letter.partition(), letter.offset(), letter.timestamp().toEpochMilli(), kind,
                    letter.sourcePartition(), letter.sourceOffset(), letter.replayCount(), key)) {
                if (tail != null) {
                    tail.seal();
                }
                tail = new LetterSegment();
                segments.add(tail);
                tail.tryAdd(letter.partition(), letter.offset(), letter.timestamp().toEpochMilli(), kind,
                        letter.sourcePartition(), letter.sourceOffset(), letter.replayCount(), key);
            }
            final int segment = segments.size() - 1;
            partitions.computeIfAbsent(letter.partition(), p -> new PartitionLetters()).holds(segment, letter.offset());
            kinds.count(kind, 1, 1);
            timeline.count(letter.timestamp().toEpochMilli(), kind, 1);
            live++;
            open++;
            final DecisionRecord.Decided waiting = pending.remove(LetterId.of(letter));
            if (waiting != null) {
                decide(segment, tail.size() - 1, waiting);
            }
            return null;
        });
    }

    /** Applies one record of the resolutions topic, as {@code ResolutionCodec.read} gave it. */
    void apply(final DecisionRecord record) {
        write(() -> {
            if (record instanceof DecisionRecord.Decided decided) {
                final long position = locate(decided.letter());
                if (position >= 0) {
                    decide((int) (position / CAPACITY), (int) (position % CAPACITY), decided);
                } else if (decided.letter().offset() < reached(decided.letter().partition())) {
                    unmatched++;
                } else {
                    pending.put(decided.letter(), decided);
                }
            } else if (record instanceof DecisionRecord.Reopened reopened) {
                final long position = locate(reopened.letter());
                if (position >= 0) {
                    setDecision((int) (position / CAPACITY), (int) (position % CAPACITY), 0);
                }
                pending.remove(reopened.letter());
            } else if (record instanceof DecisionRecord.Invalid bad) {
                invalid++;
                problems.addLast(bad.where() + ": " + bad.problem());
                if (problems.size() > PROBLEMS_KEPT) {
                    problems.removeFirst();
                }
            } else if (record instanceof DecisionRecord.Foreign) {
                foreign++;
            }
            return null;
        });
    }

    /**
     * Every letter of the partitions below these positions has been read: a decision still waiting
     * for one of them has no letter, and is dropped.
     */
    void reached(final Map<Integer, Long> positions) {
        write(() -> {
            positions.forEach((partition, position) -> partitions.computeIfAbsent(partition, p -> new PartitionLetters())
                    .reached = position);
            pending.values().removeIf(decided -> {
                final boolean passed = decided.letter().offset() < reached(decided.letter().partition());
                unmatched += passed ? 1 : 0;
                return passed;
            });
            return null;
        });
    }

    /** Retention deleted the partition's records below {@code logStart}: their letters and decisions go. */
    void removeBelow(final int partition, final long logStart) {
        write(() -> {
            final PartitionLetters letters = partitions.get(partition);
            if (letters == null || logStart <= letters.removedBelow) {
                return null;
            }
            for (int k = letters.first; k < letters.count; k++) {
                final int number = letters.segments[k];
                final LetterSegment segment = segments.get(number);
                final long[] range = segment == null ? null : segment.offsetRange(partition);
                if (range != null && range[0] >= logStart) {
                    break;
                }
                for (int i = 0; segment != null && i < segment.size(); i++) {
                    if (segment.partition(i) == partition && !segment.removed(i) && segment.offset(i) < logStart) {
                        remove(number, segment, i);
                    }
                }
                if (range != null && range[1] >= logStart) {
                    break;
                }
                letters.first = k + 1;
            }
            letters.removedBelow = logStart;
            pending.values().removeIf(decided -> {
                final boolean gone = decided.letter().partition() == partition && decided.letter().offset() < logStart;
                unmatched += gone ? 1 : 0;
                return gone;
            });
            return null;
        });
    }

    /** Forgets everything: the topic was deleted and recreated. */
    void clear() {
        write(() -> {
            segments.clear();
            partitions.clear();
            pending.clear();
            problems.clear();
            kinds = new LetterKinds();
            timeline.clear();
            decisions.clear();
            live = 0;
            open = 0;
            mismatched = 0;
            unmatched = 0;
            foreign = 0;
            invalid = 0;
            return null;
        });
    }

    long size() {
        return read(() -> live);
    }

    /** The decision on the letter, or null while it is open (or not indexed). */
    Resolution decision(final LetterId id) {
        return read(() -> {
            final long position = locate(id);
            if (position < 0) {
                return null;
            }
            return decisions.resolution(segments.get((int) (position / CAPACITY)).decision((int) (position % CAPACITY)), id);
        });
    }

    /** Per dead-letter partition, the offset below which every letter has been read. */
    Map<Integer, Long> reachedOffsets() {
        return read(() -> {
            final Map<Integer, Long> reached = new HashMap<>();
            partitions.forEach((partition, letters) -> reached.put(partition, letters.reached));
            return reached;
        });
    }

    LetterPage page(final LetterQuery query) {
        return read(() -> {
            final LetterMatcher matcher = LetterMatcher.of(query.filter(), !query.includeClosed(), kinds, capped(query.filter().ticketId()));
            final long start = query.cursor() == null ? Long.MAX_VALUE : Long.parseLong(query.cursor()) - 1;
            final long known = matcher.onlyKinds() ? kindCount(matcher, query.includeClosed()) : -1;
            final List<LetterSummary> page = new ArrayList<>();
            long counted = 0;
            String next = null;
            boolean stoppedEarly = false;
            // With the count known, letters newer than the cursor need no look.
            final int top = known >= 0 && start < Long.MAX_VALUE ? (int) Math.min(segments.size() - 1, Math.max(0, start) / CAPACITY)
                    : segments.size() - 1;
            walk:
            for (int number = top; number >= 0; number--) {
                final LetterSegment segment = segments.get(number);
                if (segment == null || !matcher.mayMatch(segment)) {
                    continue;
                }
                for (int i = segment.size() - 1; i >= 0; i--) {
                    if (!matcher.matches(segment, i)) {
                        continue;
                    }
                    counted++;
                    final long position = (long) number * CAPACITY + i;
                    if (position <= start && page.size() < query.limit()) {
                        page.add(summary(segment, i));
                    } else if (position <= start && next == null) {
                        next = String.valueOf(position + 1);
                    }
                    if (next != null && (known >= 0 || counted >= COUNT_CAP)) {
                        stoppedEarly = true;
                        break walk;
                    }
                }
            }
            if (known >= 0) {
                return new LetterPage(page, known, next, false);
            }
            final boolean capped = counted > COUNT_CAP || (stoppedEarly && counted >= COUNT_CAP);
            return new LetterPage(page, capped ? COUNT_CAP : counted, next, capped);
        });
    }

    Overview overview(final Duration bucket, final int newest) {
        return read(() -> {
            final Map<String, long[]> byReason = new LinkedHashMap<>();
            for (int kind = 0; kind < kinds.size(); kind++) {
                if (kinds.total(kind) > 0) {
                    final LetterKinds.Kind named = kinds.kind(kind);
                    final long[] counts = byReason.computeIfAbsent(named.stage() + "/" + named.reason(), key -> new long[2]);
                    counts[0] += kinds.total(kind);
                    counts[1] += kinds.open(kind);
                }
            }
            final List<Overview.ReasonCount> reasons = new ArrayList<>();
            byReason.forEach((key, counts) -> reasons.add(new Overview.ReasonCount(key.substring(0, key.indexOf('/')),
                    key.substring(key.indexOf('/') + 1), counts[0], counts[1])));
            reasons.sort(Comparator.comparingLong(Overview.ReasonCount::total).reversed());
            final List<LetterSummary> latest = new ArrayList<>();
            for (int number = segments.size() - 1; number >= 0 && latest.size() < newest; number--) {
                final LetterSegment segment = segments.get(number);
                for (int i = segment == null ? -1 : segment.size() - 1; i >= 0 && latest.size() < newest; i--) {
                    if (!segment.removed(i)) {
                        latest.add(summary(segment, i));
                    }
                }
            }
            return new Overview(live, open, reasons, timeline.buckets(bucket, MAX_BUCKETS, kinds), latest,
                    new DecisionCounts(live - open, mismatched, unmatched, pending.size(), foreign, invalid, List.copyOf(problems)));
        });
    }

    /** A key as the index keeps it: at most {@value #KEY_CAP_CHARS} characters, cut ones ending in "…". */
    static String capped(final String key) {
        if (key == null || key.length() <= KEY_CAP_CHARS) {
            return key;
        }
        final int end = Character.isHighSurrogate(key.charAt(KEY_CAP_CHARS - 1)) ? KEY_CAP_CHARS - 1 : KEY_CAP_CHARS;
        return key.substring(0, end) + CUT;
    }

    private static byte[] capped(final byte[] key) {
        if (key == null) {
            return null;
        }
        // Four bytes a character at most: decoding more than that cannot change the capped text.
        final int decoded = Math.min(key.length, KEY_CAP_CHARS * 4 + 4);
        return capped(new String(key, 0, decoded, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private long kindCount(final LetterMatcher matcher, final boolean includeClosed) {
        long count = 0;
        for (int kind = 0; kind < kinds.size(); kind++) {
            if (matcher.kind(kind)) {
                count += includeClosed ? kinds.total(kind) : kinds.open(kind);
            }
        }
        return count;
    }

    private void decide(final int segment, final int i, final DecisionRecord.Decided decided) {
        if (fingerprint(segments.get(segment), i) != decided.fingerprint()) {
            mismatched++;
            return;
        }
        setDecision(segment, i, decisions.number(decided.resolution()));
    }

    private long fingerprint(final LetterSegment letters, final int i) {
        return LetterFingerprint.of(kinds.kind(letters.kind(i)).sourceTopic(), letters.sourcePartition(i), letters.sourceOffset(i),
                letters.timestamp(i));
    }

    private void setDecision(final int segment, final int i, final int decision) {
        final LetterSegment letters = segments.get(segment);
        final boolean wasOpen = letters.decision(i) == 0;
        letters.decide(i, decision);
        if (wasOpen != (decision == 0)) {
            final int change = decision == 0 ? 1 : -1;
            open += change;
            kinds.count(letters.kind(i), 0, change);
        }
    }

    private void remove(final int number, final LetterSegment segment, final int i) {
        final boolean wasOpen = segment.decision(i) == 0;
        segment.remove(i);
        live--;
        open -= wasOpen ? 1 : 0;
        kinds.count(segment.kind(i), -1, wasOpen ? -1 : 0);
        timeline.count(segment.timestamp(i), segment.kind(i), -1);
        if (segment.live() == 0 && number != segments.size() - 1) {
            segments.set(number, null);
        }
    }

    /** The letter's position, or -1 when it is not indexed. */
    private long locate(final LetterId id) {
        final PartitionLetters letters = partitions.get(id.partition());
        final int k = letters == null ? -1 : letters.segmentFor(id.offset());
        if (k < 0) {
            return -1;
        }
        final LetterSegment segment = segments.get(letters.segments[k]);
        final int i = segment == null ? -1 : segment.find(id.partition(), id.offset());
        return i < 0 || segment.removed(i) ? -1 : (long) letters.segments[k] * CAPACITY + i;
    }

    private long reached(final int partition) {
        final PartitionLetters letters = partitions.get(partition);
        return letters == null ? 0 : letters.reached;
    }

    private LetterSummary summary(final LetterSegment segment, final int i) {
        final LetterKinds.Kind kind = kinds.kind(segment.kind(i));
        return new LetterSummary(new LetterId(segment.partition(i), segment.offset(i)), Instant.ofEpochMilli(segment.timestamp(i)),
                kind.stage(), kind.reason(), segment.key(i), kind.sourceTopic(), segment.sourcePartition(i), segment.sourceOffset(i),
                segment.replayCount(i), kind.exception(), decisions.status(segment.decision(i)));
    }

    private <T> T read(final Supplier<T> reading) {
        return locked(lock.readLock(), reading);
    }

    private <T> T write(final Supplier<T> writing) {
        return locked(lock.writeLock(), writing);
    }

    private static <T> T locked(final Lock held, final Supplier<T> work) {
        held.lock();
        try {
            return work.get();
        } finally {
            held.unlock();
        }
    }

    /** Which segments hold a partition's letters (ascending, as offsets rise), and how far it has been read and removed. */
    private static final class PartitionLetters {
        private int[] segments = new int[16];
        private long[] firstOffsets = new long[16];
        private int count;
        /** Segments before this one hold none of the partition's letters any more. */
        private int first;
        private long reached;
        private long removedBelow;

        void holds(final int segment, final long offset) {
            if (count > 0 && segments[count - 1] == segment) {
                return;
            }
            if (count == segments.length) {
                segments = Arrays.copyOf(segments, count * 2);
                firstOffsets = Arrays.copyOf(firstOffsets, count * 2);
            }
            segments[count] = segment;
            firstOffsets[count] = offset;
            count++;
        }

        /** Index (into {@link #segments}) of the one segment that may hold the offset, or -1. */
        int segmentFor(final long offset) {
            int low = first;
            int high = count - 1;
            int found = -1;
            while (low <= high) {
                final int middle = (low + high) >>> 1;
                if (firstOffsets[middle] <= offset) {
                    found = middle;
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
            return found;
        }
    }
}
