package io.ticketsync.deadletter.tools;

import io.ticketsync.testing.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionsTest {

    private static final String TOPIC_ID = "topic-id-1";
    private static final String DLQ = "tickets.dlq";
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    @Test
    void shouldApplyADecisionOnlyToTheLetterItWasMadeAbout() {
        final DeadLetter letter = letter(0, T0);
        final DeadLetter another = letter(0, T0.plusSeconds(1));
        add(ResolutionCodec.record("r", TOPIC_ID, LetterFingerprint.of(letter), resolution(0, LetterStatus.RESOLVED)));

        final Decisions decisions = Decisions.of(records, TOPIC_ID, DLQ);

        assertThat(decisions.statusOf(letter)).isEqualTo(LetterStatus.RESOLVED);
        assertThat(decisions.statusOf(another)).as("another letter at the same place").isEqualTo(LetterStatus.OPEN);
        assertThat(decisions.problems().describe()).singleElement().asString().contains("another letter at the same place");
    }

    @Test
    void shouldKeepAnEditsDiffAndReadRecordsWithoutOneAsNoEdit() {
        final DeadLetter edited = letter(0, T0);
        final DeadLetter marked = letter(1, T0);
        add(ResolutionCodec.record("r", TOPIC_ID, LetterFingerprint.of(edited), new Resolution(new LetterId(0, 0),
                LetterStatus.REPLAYED, "ops", T0, "ids=[0@0]", "typo", List.of("fields.status: \"x\" -> \"open\""))));
        add(ResolutionCodec.record("r", TOPIC_ID, LetterFingerprint.of(marked), resolution(1, LetterStatus.RESOLVED)));

        final Decisions decisions = Decisions.of(records, TOPIC_ID, DLQ);

        assertThat(decisions.decisionOf(edited).edit()).containsExactly("fields.status: \"x\" -> \"open\"");
        assertThat(decisions.decisionOf(marked).edit()).isEmpty();
        assertThat(new String(ResolutionCodec.record("r", TOPIC_ID, 1, resolution(1, LetterStatus.RESOLVED)).value(),
                StandardCharsets.UTF_8)).as("written as before when nothing was edited").doesNotContain("edit");
    }

    @Test
    void shouldReopenOnATombstoneAndIgnoreAnotherTopicsDecisions() {
        final DeadLetter letter = letter(0, T0);
        add(ResolutionCodec.record("r", TOPIC_ID, LetterFingerprint.of(letter), resolution(0, LetterStatus.DISCARDED)));
        add(ResolutionCodec.reopen("r", TOPIC_ID, new LetterId(0, 0)));
        add(ResolutionCodec.record("r", "topic-id-0", LetterFingerprint.of(letter(1, T0)), resolution(1, LetterStatus.RESOLVED)));

        final Decisions decisions = Decisions.of(records, TOPIC_ID, DLQ);

        assertThat(decisions.statusOf(letter)).isEqualTo(LetterStatus.OPEN);
        assertThat(decisions.statusOf(letter(1, T0))).isEqualTo(LetterStatus.OPEN);
        assertThat(decisions.problems().foreign()).isEqualTo(1);
    }

    @Test
    void shouldSkipCountAndNameUnreadableRecordsAndLeaveTheirLettersOpen() {
        add(new ProducerRecord<>("r", bytes(TOPIC_ID + "/0@0"), bytes("{\"letter\":\"0@0\",\"fingerprint\":\"00000000000000aa\"}")));
        add(new ProducerRecord<>("r", bytes(TOPIC_ID + "/0@1"), bytes("{\"letter\":\"0@1\",\"fingerprint\":\"00000000000000aa\",\"status\":\"LOST\"}")));
        add(new ProducerRecord<>("r", bytes(TOPIC_ID + "/0@2"), bytes("{\"letter\":\"0@9\",\"status\":\"RESOLVED\"}")));
        add(new ProducerRecord<>("r", bytes("nonsense"), bytes("{}")));

        final Decisions decisions = Decisions.of(records, TOPIC_ID, DLQ);

        assertThat(decisions.statusOf(letter(0, T0))).isEqualTo(LetterStatus.OPEN);
        assertThat(decisions.problems().invalid()).isEqualTo(4);
        assertThat(String.join("\n", decisions.problems().describe())).contains("it has no status").contains("unknown status 'LOST'")
                .contains("names letter '0@9'").contains("names no letter");
    }

    @Test
    void shouldApplyLegacyDecisionsByPlaceUntilTheyAreAdopted() {
        final DeadLetter letter = letter(0, T0);
        add(new ProducerRecord<>("r", bytes("0@0"), bytes("{\"letter\":{\"partition\":0,\"offset\":0},\"status\":\"RESOLVED\","
                + "\"actor\":\"ops\",\"at\":\"2026-11-30T10:00:00Z\",\"selection\":\"all\",\"note\":\"\"}")));
        assertThat(Decisions.of(records, TOPIC_ID, DLQ).statusOf(letter)).as("not adopted yet").isEqualTo(LetterStatus.RESOLVED);

        // The adoption mark may sit before the legacy records (another partition): judged once all are read.
        records.add(0, consumed(new ProducerRecord<>("r", DecisionAdoption.mark(DLQ), bytes("{}"))));
        assertThat(Decisions.of(records, TOPIC_ID, DLQ).statusOf(letter)).as("adopted: only bound decisions count")
                .isEqualTo(LetterStatus.OPEN);
    }

    private void add(final ProducerRecord<byte[], byte[]> record) {
        records.add(consumed(record));
    }

    private ConsumerRecord<byte[], byte[]> consumed(final ProducerRecord<byte[], byte[]> record) {
        return new ConsumerRecord<>("r", 0, records.size(), record.key(), record.value());
    }

    private static DeadLetter letter(final long offset, final Instant at) {
        return DeadLetters.letter(offset, at, "PROCESSING", "unmapped-status", "T-" + offset, bytes("{}"));
    }

    private static Resolution resolution(final long offset, final LetterStatus status) {
        return new Resolution(new LetterId(0, offset), status, "ops", T0, "all", "");
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
