package io.ticketsync.deadletter.tools;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The audit trail that outlives a log file: each event goes to the {@code ticketsync.audit} logger
 * and to the audit topic (key: the actor, so one person's events keep their order; value: the
 * event's JSON), and {@link #record} returns only once every in-sync replica has it. When the
 * broker does not acknowledge it within the timeout, {@link AuditUnavailableException}: the caller
 * then does not do the action.
 */
public final class AuditTrail implements AuditLog, AutoCloseable {

    /** How long an action waits for its record: long enough for a leader election, short enough for a person. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final String topic;
    private final Duration timeout;
    private final KafkaProducer<String, String> producer;
    private final AuditLog log = AuditLog.logger();

    private AuditTrail(final String topic, final Duration timeout, final KafkaProducer<String, String> producer) {
        this.topic = topic;
        this.timeout = timeout;
        this.producer = producer;
    }

    /** The trail on the configured cluster's audit topic. */
    public static AuditTrail open(final TicketSyncConfig config) {
        return open(config, ACK_TIMEOUT);
    }

    static AuditTrail open(final TicketSyncConfig config, final Duration timeout) {
        final Map<String, Object> settings = config.kafka().plainProducerSettings();
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-audit");
        // Every wait of the producer (metadata of a missing topic, retries of a refused write) ends
        // within the timeout, so a broken trail refuses the action instead of hanging it.
        final int millis = (int) timeout.toMillis();
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        return new AuditTrail(config.topics().audit(), timeout, new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer()));
    }

    /** @throws AuditUnavailableException when the audit topic did not acknowledge the event in time */
    @Override
    public void record(final Level level, final AuditEvent event) {
        log.record(level, event);
        try {
            producer.send(new ProducerRecord<>(topic, event.actor(), event.toJson()))
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw unavailable(event, e.getCause());
        } catch (final TimeoutException | KafkaException e) {
            throw unavailable(event, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(event, e);
        }
    }

    /** Says whether the action was done: a start that is not recorded stops it; a later outcome comes after it. */
    private AuditUnavailableException unavailable(final AuditEvent event, final Throwable cause) {
        return new AuditUnavailableException("the audit trail could not record " + event.action() + " (" + event.outcome()
                + ") in topic '" + topic + "' within " + timeout.toSeconds() + " s"
                + ("started".equals(event.outcome()) ? ", so it was not done" : "; the ticketsync.audit log has it")
                + ": " + cause.getMessage(), cause);
    }

    @Override
    public void close() {
        producer.close(timeout);
    }
}
