package io.ticketsync.config;

import io.ticketsync.testing.TestConfigs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings that guard against a dead or stuck stream cannot be configured away. */
class FailureGuardConfigTest {

    @Test
    void shouldDefaultToExitingWhenStuckAndToABrakeThatDevSamplesCannotTrip() {
        final TicketSyncConfig config = TestConfigs.defaults();

        assertThat(config.guards().stuckAction()).isEqualTo(StuckAction.EXIT);
        // dev mode loads 34 samples: fewer than the records the brake needs before it can trip.
        assertThat(config.guards().surgeLimits().minRecords()).isGreaterThan(34);
        assertThat(config.guards().surgeLimits().reasonThreshold()).isEqualTo(0.5);
    }

    @Test
    void shouldRefuseAReplacementBudgetThatIsNoBudget() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.UNCAUGHT_REPLACE_MAX, "1000")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("uncaught.replace.max");
    }

    @Test
    void shouldGiveBrokerFaultsABudgetOfTheirOwnValidatedLikeTheFailureBudget() {
        final FailureGuards guards = TestConfigs.defaults().guards();

        assertThat(guards.brokerReplaceMax()).isEqualTo(10);
        assertThat(guards.brokerReplaceWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX, "101")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("uncaught.broker.replace.max")
                .hasMessageContaining("at most 100");
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX, "-1")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("uncaught.broker.replace.max");
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.UNCAUGHT_BROKER_REPLACE_WINDOW_MS, "60000")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("uncaught.broker.replace.window.ms").hasMessageContaining("health.stuck.timeout.ms");
        assertThat(TestConfigs.with(Map.of(ConfigKeys.UNCAUGHT_BROKER_REPLACE_MAX, "0")).guards().brokerReplaceMax())
                .as("zero: the first broker fault exits").isZero();
    }

    @Test
    void shouldRefuseAWindowThatForgetsDeathsBeforeAStuckPartitionIsNoticed() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.UNCAUGHT_REPLACE_WINDOW_MS, "1000")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("uncaught.replace.window.ms").hasMessageContaining("health.stuck.timeout.ms");
    }

    @Test
    void shouldRefuseAStuckTimeoutThatCannotFireOrFiresBetweenCommits() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.HEALTH_STUCK_TIMEOUT_MS, "86400000",
                ConfigKeys.UNCAUGHT_REPLACE_WINDOW_MS, "86400000")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("at most 3600000");
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.HEALTH_STUCK_TIMEOUT_MS, "1000",
                "processing.guarantee", "at_least_once", "commit.interval.ms", "30000")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("commit.interval.ms");
    }

    @Test
    void shouldRefuseATransactionTimeoutTheCommitIntervalOutlives() {
        assertThat(TestConfigs.defaults().kafka().properties().get("producer.transaction.timeout.ms")).isEqualTo("5000");
        assertThatThrownBy(() -> TestConfigs.with(Map.of("commit.interval.ms", "5000")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("producer.transaction.timeout.ms").hasMessageContaining("(5000)");
        assertThat(TestConfigs.with(Map.of("commit.interval.ms", "30000", "producer.transaction.timeout.ms", "60000"))
                .kafka().processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(TestConfigs.with(Map.of("processing.guarantee", "at_least_once", "commit.interval.ms", "30000"))
                .kafka().processingGuarantee()).isEqualTo("at_least_once");
    }

    @Test
    void shouldRefuseUnknownStuckActionAndBadSurgeLimits() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.HEALTH_STUCK_ACTION, "restart")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("health.stuck.action");
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.DLQ_SURGE_THRESHOLD, "1.5")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("dlq.surge.threshold");
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.DLQ_SURGE_MIN_RECORDS, "2000")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("dlq.surge.min.records");
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.DLQ_SURGE_THRESHOLD_STAGE, "0")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("dlq.surge.threshold.stage");
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.DLQ_SURGE_THRESHOLD_ALL, "half")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("dlq.surge.threshold.all");
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.DLQ_SURGE_ACTION, "stop")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("dlq.surge.action");
    }

    @Test
    void shouldRefuseASurgeWindowOverTheCapBeforeSizingAnythingByIt() {
        // A mistyped window (an extra zero or five) must be refused, not allocated.
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.DLQ_SURGE_WINDOW_RECORDS, "1000000000")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("dlq.surge.window.records")
                .hasMessageContaining("100000");
        assertThat(TestConfigs.with(Map.of(ConfigKeys.DLQ_SURGE_WINDOW_RECORDS, "100000")).guards().surgeLimits()
                .windowRecords()).isEqualTo(100_000);
    }

    @Test
    void shouldReportKafkasOwnValidationAsAConfigurationError() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of("processing.guarantee", "exactly-once")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("processing.guarantee");
    }

    @Test
    void shouldRefuseAtLeastOnceForTheCommandsThatSync() {
        final TicketSyncConfig config = TestConfigs.with(Map.of("processing.guarantee", "at_least_once"));

        assertThatThrownBy(config::requireLosslessGuarantee)
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("processing.guarantee");
        assertThat(TestConfigs.defaults().requireLosslessGuarantee().kafka().processingGuarantee()).isEqualTo("exactly_once_v2");
    }
}
