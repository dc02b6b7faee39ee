package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DecisionRecord;
import io.ticketsync.deadletter.tools.LetterFingerprint;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Resolution;
import io.ticketsync.testing.DeadLetters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LetterIndexTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final DeadLetterFilter UNMAPPED = new DeadLetterFilter(null, "unmapped-status", null, null, null, null, null, null);

    private final LetterIndex index = new LetterIndex();

    private final List<DeadLetter> added = new ArrayList<>();

    private void add(final long offset, final String stage, final String reason, final Duration after) {
        add(DeadLetters.letter(offset, T0.plus(after), stage, reason, "T-" + offset, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    private void add(final DeadLetter letter) {
        added.add(letter);
        index.add(letter);
    }

    /** A decision bound to the letter added at that offset. */
    private DecisionRecord.Decided decided(final long offset, final LetterStatus status, final String note) {
        final DeadLetter letter = added.stream().filter(candidate -> candidate.offset() == offset).findFirst().orElseThrow();
        return new DecisionRecord.Decided(LetterId.of(letter), LetterFingerprint.of(letter),
                new Resolution(LetterId.of(letter), status, "ops", T0, "all", note));
    }

    @Test
    void shouldPageNewestFirstWithAStableCursorWhileLettersArrive() {
        for (int i = 0; i < 7; i++) {
            add(i, "PROCESSING", i % 2 == 0 ? "unmapped-status" : "invalid-json", Duration.ofSeconds(i));
        }
        final LetterPage first = index.page(new LetterQuery(UNMAPPED, false, null, 2));
        assertThat(first.letters()).extracting(letter -> letter.id().offset()).containsExactly(6L, 4L);
        assertThat(first.matching()).isEqualTo(4);
        add(7, "PROCESSING", "unmapped-status", Duration.ofSeconds(7));
        final LetterPage second = index.page(new LetterQuery(UNMAPPED, false, first.nextCursor(), 2));
        assertThat(second.letters()).extracting(letter -> letter.id().offset()).containsExactly(2L, 0L);
        assertThat(second.nextCursor()).isNull();
        assertThat(second.matching()).isEqualTo(5);
    }

    @Test
    void shouldHideClosedLettersUnlessAskedAndShowTheirStatus() {
        add(0, "PROCESSING", "unmapped-status", Duration.ZERO);
        add(1, "PROCESSING", "unmapped-status", Duration.ZERO);
        index.apply(decided(0, LetterStatus.DISCARDED, "junk"));
        assertThat(index.page(new LetterQuery(DeadLetterFilter.ALL, false, null, 10)).letters())
                .extracting(letter -> letter.id().offset()).containsExactly(1L);
        assertThat(index.page(new LetterQuery(DeadLetterFilter.ALL, true, null, 10)).letters())
                .extracting(LetterSummary::status).containsExactly(LetterStatus.OPEN, LetterStatus.DISCARDED);
        assertThat(index.decision(new LetterId(0, 0)).note()).isEqualTo("junk");
        assertThat(index.decision(new LetterId(0, 1))).isNull();
    }

    @Test
    void shouldCountByReasonAndBucketTheTimeline() {
        add(0, "DESERIALIZATION", "invalid-json", Duration.ZERO);
        add(1, "PROCESSING", "unmapped-status", Duration.ofSeconds(30));
        add(2, "PROCESSING", "unmapped-status", Duration.ofMinutes(3));
        index.apply(decided(1, LetterStatus.REPLAYED, ""));
        final Overview overview = index.overview(Duration.ofMinutes(1), 2);
        assertThat(overview.total()).isEqualTo(3);
        assertThat(overview.open()).isEqualTo(2);
        assertThat(overview.byReason()).containsExactly(new Overview.ReasonCount("PROCESSING", "unmapped-status", 2, 1),
                new Overview.ReasonCount("DESERIALIZATION", "invalid-json", 1, 1));
        assertThat(overview.timeline()).hasSize(4);
        assertThat(overview.timeline().get(0).byStageReason())
                .containsEntry("DESERIALIZATION/invalid-json", 1L).containsEntry("PROCESSING/unmapped-status", 1L);
        assertThat(overview.timeline().get(1).byStageReason()).isEmpty();
        assertThat(overview.timeline().get(3).byStageReason()).containsEntry("PROCESSING/unmapped-status", 1L);
        assertThat(overview.newest()).extracting(letter -> letter.id().offset()).containsExactly(2L, 1L);
    }

    @Test
    void shouldNeverDrawMoreBucketsThanTheChartHolds() {
        add(0, "PROCESSING", "unmapped-status", Duration.ZERO);
        add(1, "PROCESSING", "unmapped-status", Duration.ofDays(365));
        final List<Overview.TimeBucket> timeline = index.overview(Duration.ofMinutes(1), 0).timeline();
        assertThat(timeline).hasSizeLessThanOrEqualTo(LetterIndex.MAX_BUCKETS + 1);
        final List<Long> counts = new ArrayList<>();
        timeline.forEach(bucket -> counts.add(bucket.byStageReason().values().stream().mapToLong(Long::longValue).sum()));
        assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    }

    @Test
    void shouldAnswerAnEmptyTopic() {
        assertThat(index.overview(Duration.ofMinutes(1), 10)).isEqualTo(new Overview(0, 0, List.of(), List.of(), List.of()));
        assertThat(index.page(new LetterQuery(DeadLetterFilter.ALL, false, null, 10))).isEqualTo(new LetterPage(List.of(), 0, null));
    }

    @Test
    void shouldAnswerEveryFilterAsAWalkOfAllLettersWouldAcrossSegmentsAndPages() {
        final String[] reasons = {"unmapped-status", "invalid-json", "key-mismatch"};
        for (int i = 0; i < 3 * LetterSegment.CAPACITY + 100; i++) {
            add(DeadLetters.letter(i, T0.plus(Duration.ofSeconds(i)), i % 7 == 0 ? "DESERIALIZATION" : "PROCESSING", reasons[i % 3],
                    "T-" + (i % 500), "{}".getBytes(StandardCharsets.UTF_8)));
        }
        index.apply(decided(42, LetterStatus.RESOLVED, "fixed"));
        final List<DeadLetterFilter> filters = List.of(DeadLetterFilter.ALL,
                new DeadLetterFilter("processing", null, null, null, null, null, null, null),
                new DeadLetterFilter("DESERIALIZATION", "key-mismatch", null, null, null, null, null, null),
                new DeadLetterFilter(null, null, "T-42", null, null, null, null, null),
                new DeadLetterFilter(null, null, "T-nobody", null, null, null, null, null),
                new DeadLetterFilter(null, "invalid-json", null, 3, null, null, null, null),
                new DeadLetterFilter(null, null, null, null, 1000L, 20_000L, T0.plusSeconds(5000), T0.plusSeconds(9000)));
        for (final DeadLetterFilter filter : filters) {
            for (final boolean includeClosed : new boolean[]{false, true}) {
                final List<Long> expected = new ArrayList<>();
                for (int i = added.size() - 1; i >= 0; i--) {
                    if (filter.matches(added.get(i)) && (includeClosed || added.get(i).offset() != 42)) {
                        expected.add(added.get(i).offset());
                    }
                }
                final List<Long> paged = new ArrayList<>();
                String cursor = null;
                do {
                    final LetterPage page = index.page(new LetterQuery(filter, includeClosed, cursor, 1000));
                    assertThat(page.matching()).as(filter.describe()).isEqualTo(expected.size());
                    page.letters().forEach(letter -> paged.add(letter.id().offset()));
                    cursor = page.nextCursor();
                } while (cursor != null);
                assertThat(paged).as(filter.describe() + (includeClosed ? " with closed" : "")).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldSayMoreThanTheCapInsteadOfCountingEveryLetter() {
        for (int i = 0; i < LetterIndex.COUNT_CAP + 10; i++) {
            add(i, "PROCESSING", "unmapped-status", Duration.ofMillis(i));
        }
        final LetterPage page = index.page(new LetterQuery(new DeadLetterFilter(null, null, null, null, null, null, T0, null),
                false, null, 5));
        assertThat(page.matchingCapped()).isTrue();
        assertThat(page.matchingText()).isEqualTo("more than " + LetterIndex.COUNT_CAP);
        assertThat(page.letters()).extracting(letter -> letter.id().offset()).containsExactly(100_009L, 100_008L, 100_007L, 100_006L, 100_005L);
        assertThat(index.page(new LetterQuery(UNMAPPED, false, null, 5)).matchingText())
                .as("counts kept per kind are exact at any size").isEqualTo(String.valueOf(LetterIndex.COUNT_CAP + 10));
    }

    @Test
    void shouldRemoveLettersDeletedByRetentionWithTheirDecisions() {
        for (int i = 0; i < 10; i++) {
            add(i, "PROCESSING", i < 5 ? "invalid-json" : "unmapped-status", Duration.ofMinutes(i));
        }
        index.apply(decided(2, LetterStatus.DISCARDED, "junk"));
        index.apply(decided(7, LetterStatus.RESOLVED, "fixed"));
        index.removeBelow(0, 5);
        assertThat(index.size()).isEqualTo(5);
        assertThat(index.decision(new LetterId(0, 2))).isNull();
        assertThat(index.decision(new LetterId(0, 7)).note()).isEqualTo("fixed");
        assertThat(index.page(new LetterQuery(DeadLetterFilter.ALL, true, null, 50)).letters())
                .extracting(letter -> letter.id().offset()).containsExactly(9L, 8L, 7L, 6L, 5L);
        final Overview overview = index.overview(Duration.ofMinutes(1), 10);
        assertThat(overview.total()).isEqualTo(5);
        assertThat(overview.open()).isEqualTo(4);
        assertThat(overview.byReason()).containsExactly(new Overview.ReasonCount("PROCESSING", "unmapped-status", 5, 4));
        assertThat(overview.timeline().get(0).start()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void shouldApplyADecisionOnlyToTheLetterWithItsFingerprint() {
        add(0, "PROCESSING", "unmapped-status", Duration.ZERO);
        final DecisionRecord.Decided aboutAnotherLetter = new DecisionRecord.Decided(new LetterId(0, 0), 12345L,
                new Resolution(new LetterId(0, 0), LetterStatus.DISCARDED, "ops", T0, "all", "old topic"));
        index.apply(aboutAnotherLetter);
        assertThat(index.decision(new LetterId(0, 0))).isNull();
        assertThat(index.overview(Duration.ofMinutes(1), 0).decisions().mismatched()).isEqualTo(1);
        assertThat(index.overview(Duration.ofMinutes(1), 0).open()).isEqualTo(1);
    }

    @Test
    void shouldKeepADecisionReadBeforeItsLetterUntilThePartitionIsReadPastIt() {
        add(0, "PROCESSING", "unmapped-status", Duration.ZERO);
        final DeadLetter later = DeadLetters.letter(3, T0, "PROCESSING", "unmapped-status", "T-3", new byte[0]);
        final DeadLetter never = DeadLetters.letter(7, T0, "PROCESSING", "unmapped-status", "T-7", new byte[0]);
        index.apply(new DecisionRecord.Decided(LetterId.of(later), LetterFingerprint.of(later),
                new Resolution(LetterId.of(later), LetterStatus.RESOLVED, "ops", T0, "all", "early")));
        index.apply(new DecisionRecord.Decided(LetterId.of(never), LetterFingerprint.of(never),
                new Resolution(LetterId.of(never), LetterStatus.RESOLVED, "ops", T0, "all", "a marker's offset")));
        assertThat(index.overview(Duration.ofMinutes(1), 0).decisions().pending()).isEqualTo(2);
        add(later);
        index.reached(java.util.Map.of(0, 8L));
        assertThat(index.decision(LetterId.of(later)).note()).isEqualTo("early");
        final DecisionCounts counts = index.overview(Duration.ofMinutes(1), 0).decisions();
        assertThat(counts.pending()).isZero();
        assertThat(counts.unmatched()).isEqualTo(1);
        assertThat(counts.applied()).isEqualTo(1);
        index.apply(new DecisionRecord.Decided(new LetterId(0, 5), 1L,
                new Resolution(new LetterId(0, 5), LetterStatus.RESOLVED, "ops", T0, "all", "passed")));
        assertThat(index.overview(Duration.ofMinutes(1), 0).decisions().unmatched()).as("below the position: no letter").isEqualTo(2);
    }

    @Test
    void shouldReopenALetterOnATombstone() {
        add(0, "PROCESSING", "unmapped-status", Duration.ZERO);
        index.apply(decided(0, LetterStatus.RESOLVED, "fixed"));
        index.apply(new DecisionRecord.Reopened(new LetterId(0, 0)));
        assertThat(index.decision(new LetterId(0, 0))).isNull();
        assertThat(index.page(new LetterQuery(DeadLetterFilter.ALL, false, null, 10)).letters()).hasSize(1);
        assertThat(index.overview(Duration.ofMinutes(1), 0).open()).isEqualTo(1);
    }

    @Test
    void shouldCountUnreadableAndForeignDecisionsAndKeepTheLastProblems() {
        for (int i = 0; i < 7; i++) {
            index.apply(new DecisionRecord.Invalid("tickets.dlq.resolutions-0@" + i, "not JSON " + i));
        }
        index.apply(new DecisionRecord.Foreign(new LetterId(0, 1), true));
        index.apply(new DecisionRecord.Bookkeeping("lease/x"));
        final DecisionCounts counts = index.overview(Duration.ofMinutes(1), 0).decisions();
        assertThat(counts.invalid()).isEqualTo(7);
        assertThat(counts.foreign()).isEqualTo(1);
        assertThat(counts.problems()).hasSize(5).last().isEqualTo("tickets.dlq.resolutions-0@6: not JSON 6");
    }

    @Test
    void shouldKeepOnlyTheStartOfAHugeKeyAndFilterByThatStart() {
        final String huge = "T-" + "x".repeat(900_000);
        add(DeadLetters.letter(0, T0, "PROCESSING", "key-mismatch", huge, new byte[0]));
        add(DeadLetters.letter(1, T0, "PROCESSING", "key-mismatch", huge.substring(0, 64) + "y", new byte[0]));
        final LetterSummary summary = index.page(new LetterQuery(DeadLetterFilter.ALL, false, null, 10)).letters().get(1);
        assertThat(summary.ticketId()).hasSize(LetterIndex.KEY_CAP_CHARS + 1).endsWith(LetterIndex.CUT).startsWith("T-xxx");
        final LetterPage byTicket = index.page(new LetterQuery(new DeadLetterFilter(null, null, huge, null, null, null, null, null),
                false, null, 10));
        assertThat(byTicket.letters()).as("keys longer than the cap compare by their first 64 characters")
                .extracting(letter -> letter.id().offset()).containsExactly(1L, 0L);
        assertThat(index.page(new LetterQuery(new DeadLetterFilter(null, null, "T-x", null, null, null, null, null), false, null, 10))
                .letters()).isEmpty();
    }

    @Test
    void shouldStartOverWhenCleared() {
        add(0, "PROCESSING", "unmapped-status", Duration.ZERO);
        index.apply(new DecisionRecord.Foreign(new LetterId(0, 1), false));
        index.clear();
        assertThat(index.overview(Duration.ofMinutes(1), 10)).isEqualTo(new Overview(0, 0, List.of(), List.of(), List.of()));
    }
}
