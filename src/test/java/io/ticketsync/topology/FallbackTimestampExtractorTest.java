package io.ticketsync.topology;

import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TestServices;
import io.ticketsync.metrics.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Negative timestamps are covered here rather than only in {@code TopologyAccountingProperties}:
 * this is the one place that sees every value a broker can hand out, {@code Long.MIN_VALUE} included.
 */
class FallbackTimestampExtractorTest {

    private static final long PARTITION_TIME = 1_700_000_000_000L;
    private static final long WALL_CLOCK = 1_800_000_000_000L;
    private static final long UNKNOWN_PARTITION_TIME = -1L;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FallbackTimestampExtractor extractor = new FallbackTimestampExtractor(() -> WALL_CLOCK);

    @BeforeEach
    void configure() {
        extractor.configure(Map.of(AppServices.KEY, TestServices.services(TestConfigs.defaults(), registry)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, PARTITION_TIME + 5, Long.MAX_VALUE})
    void shouldKeepTheRecordTimestampWhenItIsNotNegative(final long timestamp) {
        assertThat(extractor.extract(record(timestamp), PARTITION_TIME)).isEqualTo(timestamp);
        assertThat(invalidTimestamps()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, -2L, Long.MIN_VALUE})
    void shouldUsePartitionTimeWhenTimestampIsNegativeAndPartitionTimeIsKnown(final long timestamp) {
        assertThat(extractor.extract(record(timestamp), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
    }

    @Test
    void shouldUsePartitionTimeWhenItIsZero() {
        assertThat(extractor.extract(record(-1L), 0L)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, Long.MIN_VALUE})
    void shouldUseWallClockWhenTimestampIsNegativeAndPartitionTimeIsUnknown(final long timestamp) {
        assertThat(extractor.extract(record(timestamp), UNKNOWN_PARTITION_TIME)).isEqualTo(WALL_CLOCK);
    }

    @Test
    void shouldCountEachSubstitutionByTopicWhenTimestampIsNegative() {
        extractor.extract(record(-1L), UNKNOWN_PARTITION_TIME);
        extractor.extract(record(-7L), PARTITION_TIME);

        assertThat(invalidTimestamps()).isEqualTo(2.0);
    }

    @Test
    void shouldNeverThrowWhenRecordHasNoKeyValueOrTopicMetadata() {
        final ConsumerRecord<Object, Object> bare = new ConsumerRecord<>("tickets.changes", 0, 0L, -1L,
                TimestampType.NO_TIMESTAMP_TYPE, 0, 0, null, null, new RecordHeaders(), Optional.empty());

        assertThat(extractor.extract(bare, UNKNOWN_PARTITION_TIME)).isNotNegative();
    }

    private double invalidTimestamps() {
        final var counter = registry.find(MetricNames.INVALID_TIMESTAMPS).tag("topic", "tickets.changes").counter();
        return counter == null ? 0 : counter.count();
    }

    private static ConsumerRecord<Object, Object> record(final long timestamp) {
        return new ConsumerRecord<>("tickets.changes", 3, 17L, timestamp, TimestampType.CREATE_TIME, 4, 20,
                "T-1", "value", new RecordHeaders(), Optional.empty());
    }
}
