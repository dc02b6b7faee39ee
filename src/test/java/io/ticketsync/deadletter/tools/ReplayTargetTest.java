package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.config.Topics;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.testing.DeadLetters;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a replay may go, and the partition a replayed letter lands in. */
class ReplayTargetTest {

    private static final TicketSyncConfig CONFIG = TestConfigs.defaults();
    private static final Topics TOPICS = CONFIG.topics();

    @Test
    void shouldAcceptTheReplayTopicWithoutForce() {
        assertThatCode(() -> DlqReplayer.checkTarget(CONFIG, TOPICS.replay(), false)).doesNotThrowAnyException();
    }

    @Test
    void shouldRequireForceForTheInputTopicItself() {
        assertThatThrownBy(() -> DlqReplayer.checkTarget(CONFIG, TOPICS.input(), false))
                .isInstanceOf(InvalidReplayTargetException.class)
                .hasMessageContaining("not the replay topic '" + TOPICS.replay() + "'")
                .hasMessageContaining("every other consumer group of the input").hasMessageContaining("--force");
        assertThatCode(() -> DlqReplayer.checkTarget(CONFIG, TOPICS.input(), true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DlqReplayer.checkTarget(CONFIG, "staging.copy", false)).hasMessageContaining("--force");
    }

    @Test
    void shouldRefuseTheOutputAndDeadLetterTopicsEvenWithForce() {
        assertThatThrownBy(() -> DlqReplayer.checkTarget(CONFIG, TOPICS.output(), true)).hasMessageContaining("output topic");
        assertThatThrownBy(() -> DlqReplayer.checkTarget(CONFIG, TOPICS.deadLetter(), true)).hasMessageContaining("dead-letter topic");
    }

    @Test
    void shouldKeepTheSourcePartitionOfALetterFromTheInputWhenReplayedToTheReplayTopic() {
        final DeadLetter fromInput = letter(9);

        final ProducerRecord<byte[], byte[]> replayed = DlqReplayer.replayOf(fromInput, TOPICS.replay(), TOPICS);

        assertThat(replayed.topic()).isEqualTo(TOPICS.replay());
        assertThat(replayed.partition()).isEqualTo(fromInput.sourcePartition()).isEqualTo(3);
        assertThat(new String(replayed.headers().lastHeader(DeadLetter.REPLAY_COUNT_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("1");
    }

    @Test
    void shouldSendALetterThatFailedAgainFromTheReplayTopicBackToItsPartitionThere() {
        final DeadLetter failedAgain = fromReplayTopic(letter(10));

        final ProducerRecord<byte[], byte[]> replayed = DlqReplayer.replayOf(failedAgain, TOPICS.replay(), TOPICS);

        assertThat(failedAgain.sourceTopic()).isEqualTo(TOPICS.replay());
        assertThat(replayed.topic()).isEqualTo(TOPICS.replay());
        assertThat(replayed.partition()).isEqualTo(4);
    }

    @Test
    void shouldLeaveAnotherTopicsPartitionToItsPartitioner() {
        assertThat(DlqReplayer.replayOf(letter(9), "staging.copy", TOPICS).partition()).isNull();
    }

    /** The same letter as ticket-sync writes it when its replay fails again: read from the replay topic. */
    private static DeadLetter fromReplayTopic(final DeadLetter letter) {
        final RecordHeaders headers = new RecordHeaders(letter.headers().toArray());
        headers.remove(DeadLetterHeaders.TOPIC);
        headers.add(DeadLetterHeaders.TOPIC, TOPICS.replay().getBytes(StandardCharsets.UTF_8));
        return DeadLetter.of(new ConsumerRecord<>(TOPICS.deadLetter(), letter.partition(), letter.offset(),
                letter.timestamp().toEpochMilli(), TimestampType.CREATE_TIME, -1, -1, letter.key(), letter.value(), headers,
                Optional.empty()));
    }

    private static DeadLetter letter(final long offset) {
        // DeadLetters names the input as the source topic, partition offset % 6.
        return DeadLetters.letter(offset, Instant.parse("2026-11-22T10:00:00Z"), "PROCESSING", "unmapped-status", "T-1",
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
