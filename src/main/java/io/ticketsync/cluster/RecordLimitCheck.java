package io.ticketsync.cluster;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Compares ticket-sync's record limits with what the output and dead-letter topics accept
 * ({@code max.message.bytes}). A limit above the topic's lets through records the broker then
 * refuses; for a dead letter that fails the task on every retry. A principal not allowed to
 * describe topic configurations skips the check with a warning: it guards, it does not gate.
 */
final class RecordLimitCheck {

    private static final Logger LOG = LoggerFactory.getLogger(RecordLimitCheck.class);

    /** One comparison: our key and value against one topic's limit. */
    private record Limit(String role, String topic, String key, int bytes) {
    }

    private final TicketSyncConfig config;

    RecordLimitCheck(final TicketSyncConfig config) {
        this.config = config;
    }

    /** Within what is left of the startup check's {@code deadline}, like every other step of it. */
    List<String> problems(final Admin admin, final Deadline deadline) {
        final List<Limit> limits = List.of(
                new Limit("output", config.topics().output(), ConfigKeys.OUTPUT_MAX_RECORD_BYTES,
                        config.limits().outputMaxRecordBytes()),
                new Limit("dead-letter", config.topics().deadLetter(), ConfigKeys.DLQ_MAX_RECORD_BYTES,
                        config.limits().dlqMaxRecordBytes()));
        final Map<ConfigResource, KafkaFuture<Config>> described = admin.describeConfigs(
                limits.stream().map(limit -> resource(limit.topic())).toList(),
                new DescribeConfigsOptions().timeoutMs((int) Math.max(1, deadline.remaining().toMillis()))).values();
        final List<String> problems = new ArrayList<>();
        final List<String> notAllowed = new ArrayList<>();
        for (final Limit limit : limits) {
            try {
                final Config topicConfig = described.get(resource(limit.topic()))
                        .get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
                check(limit, topicConfig.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), problems);
            } catch (final ExecutionException e) {
                if (e.getCause() instanceof AuthorizationException) {
                    notAllowed.add(limit.topic());
                } else {
                    problems.add("cannot read max.message.bytes of " + limit.role() + " topic '" + limit.topic() + "': "
                            + e.getCause());
                }
            } catch (final TimeoutException e) {
                problems.add("cannot read max.message.bytes of " + limit.role() + " topic '" + limit.topic()
                        + "' within " + config.startupTimeout());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupCheckException("interrupted during the startup check", e);
            }
        }
        if (!notAllowed.isEmpty()) {
            LOG.warn("Skipped comparing record limits with max.message.bytes of topics {}: this principal may not "
                    + "describe their configuration (DescribeConfigs)", notAllowed);
        }
        return problems;
    }

    private static void check(final Limit limit, final ConfigEntry entry, final List<String> problems) {
        // A broker that does not report the entry leaves nothing to compare; the first send will tell.
        if (entry == null || entry.value() == null) {
            return;
        }
        final long topicMax = Long.parseLong(entry.value());
        if (limit.bytes() > topicMax) {
            problems.add("'" + limit.key() + "' is " + limit.bytes() + " but the " + limit.role() + " topic '"
                    + limit.topic() + "' accepts at most " + topicMax + " bytes (max.message.bytes): lower '"
                    + limit.key() + "' to " + topicMax + " or less, or raise the topic's max.message.bytes");
        }
    }

    private static ConfigResource resource(final String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}
