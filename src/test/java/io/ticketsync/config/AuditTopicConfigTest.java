package io.ticketsync.config;

import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit topic: named after the dead-letter topic unless configured, kept for a stated, valid retention. */
class AuditTopicConfigTest {

    @Test
    void shouldNameTheAuditTopicAfterTheDeadLetterTopicAndKeepItAYearByDefault() {
        final Topics topics = TestConfigs.with(Map.of(ConfigKeys.DLQ_TOPIC, "billing.dlq")).topics();

        assertThat(topics.audit()).isEqualTo("billing.dlq.audit");
        assertThat(topics.auditRetentionMs()).isEqualTo(365L * 24 * 60 * 60 * 1000);
        assertThat(Defaults.load().get(ConfigKeys.DLQ_AUDIT_RETENTION_MS))
                .as("the layouts built without a configuration use the bundled default")
                .isEqualTo(String.valueOf(Topics.DEFAULT_AUDIT_RETENTION_MS));
        assertThat(new Topics("a", "b", "c")).isEqualTo(new Topics("a", "a.replay", "b", "c", "c.resolutions", "c.control", "c.audit",
                Topics.DEFAULT_AUDIT_RETENTION_MS));
    }

    @Test
    void shouldTakeAConfiguredNameAndRetentionIncludingForEver() {
        final Topics topics = TestConfigs.with(Map.of(ConfigKeys.DLQ_AUDIT_TOPIC, "who-did-what",
                ConfigKeys.DLQ_AUDIT_RETENTION_MS, "-1")).topics();

        assertThat(topics.audit()).isEqualTo("who-did-what");
        assertThat(topics.auditRetentionMs()).isEqualTo(-1);
    }

    @Test
    void shouldRefuseARetentionThatWouldDeleteTheTrailAtOnceOrIsNotANumber() {
        for (final String bad : new String[] {"0", "-2", "a year"}) {
            assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.DLQ_AUDIT_RETENTION_MS, bad)))
                    .as(bad).isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining(ConfigKeys.DLQ_AUDIT_RETENTION_MS).hasMessageContaining("-1");
        }
    }

    @Test
    void shouldRefuseAnAuditTopicThatIsAnotherTopic() {
        assertThatThrownBy(() -> TestConfigs.with(Map.of(ConfigKeys.DLQ_AUDIT_TOPIC, "tickets.dlq.control")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("dlq.audit.topic");
    }

    @Test
    void shouldLayOutTheAuditTopicWithOnePartitionDeletePolicyAndTheConfiguredRetention() {
        final Topics topics = TestConfigs.with(Map.of(ConfigKeys.DLQ_AUDIT_RETENTION_MS, "86400000")).topics();

        final NewTopic audit = TopicLayout.newTopics(topics, (short) 3).stream()
                .filter(topic -> topic.name().equals(topics.audit())).findFirst().orElseThrow();
        assertThat(audit.numPartitions()).isEqualTo(1);
        assertThat(audit.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "86400000");
        assertThat(TopicLayout.names(topics)).as("the durability check covers it").contains(topics.audit());
    }
}
