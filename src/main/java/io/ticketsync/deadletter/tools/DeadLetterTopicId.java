package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dead-letter topic's id: Kafka gives a topic a new one when it is deleted and recreated under
 * the same name, so decisions keyed by it never outlive the letters they were made about.
 */
public final class DeadLetterTopicId {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DeadLetterTopicId() {
    }

    /** @throws IllegalStateException when the topic cannot be described (missing, no access, no broker) */
    public static String read(final TicketSyncConfig config) {
        final String topic = config.topics().deadLetter();
        try (Admin admin = Admin.create(config.kafka().adminClientConfigs("ticket-sync-dlq-topic-id"))) {
            final KafkaFuture<org.apache.kafka.clients.admin.TopicDescription> described =
                    admin.describeTopics(List.of(topic)).topicNameValues().get(topic);
            return described.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).topicId().toString();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot describe the dead-letter topic '" + topic + "': " + e.getCause().getMessage(),
                    e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("cannot describe the dead-letter topic '" + topic + "' within " + TIMEOUT.toSeconds() + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing '" + topic + "'", e);
        }
    }
}
