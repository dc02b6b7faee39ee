package io.ticketsync.console;

import io.ticketsync.deadletter.tools.DeadLetterFilter;
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

    private void add(final long offset, final String stage, final String reason, final Duration after) {
        index.add(DeadLetters.letter(offset, T0.plus(after), stage, reason, "T-" + offset, "{}".getBytes(StandardCharsets.UTF_8)));
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
        index.decide(new Resolution(new LetterId(0, 0), LetterStatus.DISCARDED, "ops", T0, "all", "junk"));
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
        index.decide(new Resolution(new LetterId(0, 1), LetterStatus.REPLAYED, "ops", T0, "all", ""));
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
}
