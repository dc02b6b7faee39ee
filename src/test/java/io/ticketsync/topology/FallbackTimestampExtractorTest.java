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

import java.nio.charset.StandardCharsets;
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
    @ValueSource(longs = {0L, 1L, PARTITION_TIME + 5, WALL_CLOCK, WALL_CLOCK + 3_540_000L})
    void shouldKeepTheRecordTimestampWhenTheWrittenTopicsAcceptIt(final long timestamp) {
        final ConsumerRecord<Object, Object> record = record(timestamp);

        assertThat(extractor.extract(record, PARTITION_TIME)).isEqualTo(timestamp);
        assertThat(invalidTimestamps()).isZero();
        assertThat(record.headers().lastHeader(FallbackTimestampExtractor.ORIGINAL_TIMESTAMP)).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {WALL_CLOCK + 3_540_001L, WALL_CLOCK + 7_200_000L, Long.MAX_VALUE})
    void shouldStampWallClockAndKeepTheOriginalWhenTimestampIsFurtherAheadThanKafkasDefaultHour(final long timestamp) {
        final ConsumerRecord<Object, Object> record = record(timestamp);

        assertThat(extractor.extract(record, PARTITION_TIME)).isEqualTo(WALL_CLOCK);
        assertThat(text(record, FallbackTimestampExtractor.ORIGINAL_TIMESTAMP)).isEqualTo(String.valueOf(timestamp));
        assertThat(invalidTimestamps()).as("counted are negative timestamps only").isZero();
    }

    @Test
    void shouldStampWallClockAndKeepTheOriginalWhenTimestampIsOlderThanATopicAccepts() {
        final FallbackTimestampExtractor strict = configured(new TimestampWindow(60_000L, 3_600_000L));
        final ConsumerRecord<Object, Object> old = record(WALL_CLOCK - 31_000L);
        final ConsumerRecord<Object, Object> recent = record(WALL_CLOCK - 29_000L);

        assertThat(strict.extract(old, PARTITION_TIME)).as("beyond the half kept as margin").isEqualTo(WALL_CLOCK);
        assertThat(text(old, FallbackTimestampExtractor.ORIGINAL_TIMESTAMP)).isEqualTo(String.valueOf(WALL_CLOCK - 31_000L));
        assertThat(strict.extract(recent, PARTITION_TIME)).isEqualTo(WALL_CLOCK - 29_000L);
    }

    @Test
    void shouldUseWallClockWhenTimestampIsNegativeAndPartitionTimeIsOutsideTheWindow() {
        final FallbackTimestampExtractor strict = configured(new TimestampWindow(60_000L, 3_600_000L));
        final ConsumerRecord<Object, Object> record = record(-1L);

        assertThat(strict.extract(record, PARTITION_TIME)).isEqualTo(WALL_CLOCK);
        assertThat(text(record, FallbackTimestampExtractor.ORIGINAL_TIMESTAMP)).isEqualTo("-1");
    }

    @Test
    void shouldKeepTheNegativeOriginalInAHeaderWhenReplacingIt() {
        final ConsumerRecord<Object, Object> record = record(-1L);

        extractor.extract(record, PARTITION_TIME);

        assertThat(text(record, FallbackTimestampExtractor.ORIGINAL_TIMESTAMP)).isEqualTo("-1");
    }

    @Test
    void shouldDropAHeaderOfThatNameArrivingOnTheInputWhenTheTimestampIsKept() {
        final ConsumerRecord<Object, Object> record = record(PARTITION_TIME);
        record.headers().add(FallbackTimestampExtractor.ORIGINAL_TIMESTAMP, "42".getBytes(StandardCharsets.UTF_8));

        extractor.extract(record, PARTITION_TIME);

        assertThat(record.headers().headers(FallbackTimestampExtractor.ORIGINAL_TIMESTAMP)).as("it would lie").isEmpty();
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

    private FallbackTimestampExtractor configured(final TimestampWindow window) {
        final FallbackTimestampExtractor configured = new FallbackTimestampExtractor(() -> WALL_CLOCK);
        final AppServices services = TestServices.services(TestConfigs.defaults(), registry);
        configured.configure(Map.of(AppServices.KEY, services.withBounds(
                new WriteBounds(1_000_000, "output.max.record.bytes", window))));
        return configured;
    }

    private static String text(final ConsumerRecord<Object, Object> record, final String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
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
