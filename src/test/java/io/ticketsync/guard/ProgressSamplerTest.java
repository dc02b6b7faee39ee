package io.ticketsync.guard;

import io.ticketsync.testing.FakeClock;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressSamplerTest {

    private static final String INPUT = "tickets.changes";
    private static final TopicPartition P0 = new TopicPartition(INPUT, 0);
    private static final TopicPartition P1 = new TopicPartition(INPUT, 1);
    private static final TopicPartition CHANGELOG_1 = new TopicPartition("ticket-sync-ticket-snapshots-changelog", 1);

    private final FakeClock clock = new FakeClock();
    private final OwnedPartitions owned = new OwnedPartitions();
    private final RestoringPartitions restoring = new RestoringPartitions(INPUT);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final List<Collection<TopicPartition>> asked = new ArrayList<>();
    private final Map<TopicPartition, PartitionOffsets> broker = new HashMap<>();
    private RuntimeException brokerDown;
    private final ProgressSampler sampler = new ProgressSampler(owned, restoring, partitions -> {
        asked.add(Set.copyOf(partitions));
        if (brokerDown != null) {
            throw brokerDown;
        }
        final Map<TopicPartition, PartitionOffsets> answer = new HashMap<>(broker);
        answer.keySet().retainAll(partitions);
        return answer;
    }, new ProgressWatchdog(Duration.ofSeconds(30), clock), paused::get);

    @Test
    void shouldJudgeEveryPartitionAnOpenConsumerOwns() throws Exception {
        final Object consumer = new Object();
        owned.publish(consumer, Set.of(P0));
        owned.publish(new Object(), Set.of(P1));
        broker.put(P0, new PartitionOffsets(0, 1));
        broker.put(P1, new PartitionOffsets(0, 1));
        sampler.sample();
        clock.advance(Duration.ofSeconds(31));
        assertThat(sampler.sample()).hasSize(2);

        owned.forget(consumer);
        assertThat(sampler.sample()).singleElement().asString().startsWith("tickets.changes-1:");
    }

    @Test
    void shouldJudgeARestoringPartitionByItsRestoreNotByItsOffsets() throws Exception {
        owned.publish(new Object(), Set.of(P0, P1));
        broker.put(P0, new PartitionOffsets(0, 0));
        broker.put(P1, new PartitionOffsets(0, 500));
        restoring.onRestoreStart(CHANGELOG_1, "ticket-snapshots", 0, 10_000);
        for (int batch = 0; batch < 10; batch++) {
            assertThat(sampler.sample()).isEmpty();
            clock.advance(Duration.ofSeconds(20));
            restoring.onBatchRestored(CHANGELOG_1, "ticket-snapshots", batch * 1_000L, 1_000);
        }
        assertThat(asked).allSatisfy(partitions -> assertThat(partitions).containsExactly(P0));

        restoring.onRestoreEnd(CHANGELOG_1, "ticket-snapshots", 10_000);
        sampler.sample();
        clock.advance(Duration.ofSeconds(31));
        assertThat(sampler.sample()).as("restored, and still not processed").singleElement().asString()
                .contains("tickets.changes-1: 500 records waiting");
    }

    @Test
    void shouldNeitherAskTheBrokerNorJudgeWhilePaused() throws Exception {
        owned.publish(new Object(), Set.of(P0));
        broker.put(P0, new PartitionOffsets(0, 1));
        sampler.sample();
        clock.advance(Duration.ofSeconds(31));
        assertThat(sampler.sample()).hasSize(1);
        asked.clear();

        paused.set(true);
        assertThat(sampler.sample()).isEmpty();
        assertThat(sampler.stuck()).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldFailTheSampleWhenTheBrokerCannotSay() {
        owned.publish(new Object(), Set.of(P0));
        brokerDown = new IllegalStateException("cannot read the offsets");

        assertThatThrownBy(sampler::sample).isSameAs(brokerDown);
    }
}
