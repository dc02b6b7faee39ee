package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Resolution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's index: a small summary of every dead letter (no key or value bytes: about 200
 * bytes a letter with its strings shared, so 100,000 letters take some 20 MB) in the order read,
 * and the latest decision per letter. Answers pages and the overview by scanning the summaries,
 * which takes milliseconds for 100,000 letters. Thread-safe: the tailer appends while requests read.
 */
final class LetterIndex {

    /** The timeline never has more bars than this; wider buckets are used instead. */
    static final int MAX_BUCKETS = 48;

    private final List<LetterSummary> letters = new ArrayList<>();
    private final Map<LetterId, Resolution> decisions = new HashMap<>();
    /** Shares the few distinct stage, reason, topic and exception strings among all summaries. */
    private final Map<String, String> interned = new HashMap<>();

    synchronized void add(final DeadLetter letter) {
        letters.add(new LetterSummary(LetterId.of(letter), letter.timestamp(), intern(letter.stage()), intern(letter.reason()),
                letter.keyText(), intern(letter.sourceTopic()), letter.sourcePartition(), letter.sourceOffset(),
                letter.replayCount(), intern(letter.exception()), LetterStatus.OPEN));
    }

    synchronized void decide(final Resolution resolution) {
        decisions.put(resolution.letter(), resolution);
    }

    synchronized int size() {
        return letters.size();
    }

    /** The latest decision about the letter, or null while it is open. */
    synchronized Resolution decision(final LetterId id) {
        final Resolution decision = decisions.get(id);
        return decision == null || decision.status().isOpen() ? null : decision;
    }

    synchronized LetterPage page(final LetterQuery query) {
        final int start = query.cursor() == null ? letters.size() - 1 : Math.min(letters.size(), Integer.parseInt(query.cursor())) - 1;
        final List<LetterSummary> page = new ArrayList<>();
        long matching = 0;
        String next = null;
        for (int position = letters.size() - 1; position >= 0; position--) {
            final LetterSummary letter = withStatus(letters.get(position));
            if (!selected(letter, query.filter(), query.includeClosed())) {
                continue;
            }
            matching++;
            if (position <= start && page.size() < query.limit()) {
                page.add(letter);
            } else if (position <= start && next == null) {
                next = String.valueOf(position + 1);
            }
        }
        return new LetterPage(page, matching, next);
    }

    synchronized Overview overview(final Duration bucket, final int newest) {
        final Map<String, long[]> byReason = new LinkedHashMap<>();
        long open = 0;
        Instant first = null;
        Instant last = null;
        for (final LetterSummary summary : letters) {
            final LetterSummary letter = withStatus(summary);
            final long[] counts = byReason.computeIfAbsent(letter.stage() + "/" + letter.reason(), key -> new long[2]);
            counts[0]++;
            if (letter.status().isOpen()) {
                open++;
                counts[1]++;
            }
            first = first == null || letter.timestamp().isBefore(first) ? letter.timestamp() : first;
            last = last == null || letter.timestamp().isAfter(last) ? letter.timestamp() : last;
        }
        final List<Overview.ReasonCount> reasons = new ArrayList<>();
        byReason.forEach((key, counts) -> reasons.add(new Overview.ReasonCount(key.substring(0, key.indexOf('/')),
                key.substring(key.indexOf('/') + 1), counts[0], counts[1])));
        reasons.sort(Comparator.comparingLong(Overview.ReasonCount::total).reversed());
        final List<LetterSummary> latest = new ArrayList<>();
        for (int position = letters.size() - 1; position >= 0 && latest.size() < newest; position--) {
            latest.add(withStatus(letters.get(position)));
        }
        return new Overview(letters.size(), open, reasons, first == null ? List.of() : timeline(first, last, bucket), latest);
    }

    /** Letters per bucket and STAGE/reason, from the bucket holding {@code first} to the one holding {@code last}. */
    private List<Overview.TimeBucket> timeline(final Instant first, final Instant last, final Duration requested) {
        final long spanMs = Math.max(1, last.toEpochMilli() - first.toEpochMilli() + 1);
        final long widthMs = Math.max(requested.toMillis(), (spanMs + MAX_BUCKETS - 1) / MAX_BUCKETS);
        final long startMs = Math.floorDiv(first.toEpochMilli(), widthMs) * widthMs;
        final int count = (int) ((last.toEpochMilli() - startMs) / widthMs) + 1;
        final List<Map<String, Long>> counts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            counts.add(new TreeMap<>());
        }
        for (final LetterSummary letter : letters) {
            final int index = (int) ((letter.timestamp().toEpochMilli() - startMs) / widthMs);
            counts.get(index).merge(letter.stage() + "/" + letter.reason(), 1L, Long::sum);
        }
        final List<Overview.TimeBucket> buckets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            buckets.add(new Overview.TimeBucket(Instant.ofEpochMilli(startMs + i * widthMs),
                    Instant.ofEpochMilli(startMs + (i + 1) * widthMs), Map.copyOf(counts.get(i))));
        }
        return buckets;
    }

    private static boolean selected(final LetterSummary letter, final DeadLetterFilter filter, final boolean includeClosed) {
        return (includeClosed || letter.status().isOpen()) && filter.matches(letter.stage(), letter.reason(), letter.ticketId(),
                letter.sourcePartition(), letter.sourceOffset(), letter.timestamp());
    }

    private LetterSummary withStatus(final LetterSummary letter) {
        final Resolution decision = decisions.get(letter.id());
        if (decision == null || decision.status() == letter.status()) {
            return letter;
        }
        return new LetterSummary(letter.id(), letter.timestamp(), letter.stage(), letter.reason(), letter.ticketId(),
                letter.sourceTopic(), letter.sourcePartition(), letter.sourceOffset(), letter.replayCount(),
                letter.exception(), decision.status());
    }

    private String intern(final String text) {
        return text == null ? null : interned.computeIfAbsent(text, key -> key);
    }
}
