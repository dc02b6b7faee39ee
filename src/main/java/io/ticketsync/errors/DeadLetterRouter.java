package io.ticketsync.errors;

import io.ticketsync.failure.DeadLetterSurgeBrake;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.failure.FailureKind;
import io.ticketsync.failure.Reason;
import io.ticketsync.metrics.TicketSyncMetrics;
import io.ticketsync.topology.AppServices;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * What the three exception handlers share: the classifier that decides poison vs not, and the
 * factory that builds the dead letter. Logs every routing decision with the record's coordinates
 * (never its content).
 */
public final class DeadLetterRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    private final FailureClassifier classifier;
    private final DeadLetterRecordFactory factory;
    private final TicketSyncMetrics metrics;
    private final DeadLetterSurgeBrake brake;

    public DeadLetterRouter(final FailureClassifier classifier, final DeadLetterRecordFactory factory,
                            final TicketSyncMetrics metrics, final DeadLetterSurgeBrake brake) {
        this.classifier = classifier;
        this.factory = factory;
        this.metrics = metrics;
        this.brake = brake;
    }

    /** Built from the services the runner put into the map Kafka Streams hands to {@code configure}. */
    public static DeadLetterRouter from(final Map<String, ?> configs) {
        final AppServices services = AppServices.from(configs);
        return new DeadLetterRouter(services.classifier(), new DeadLetterRecordFactory(services.config()),
                services.metrics(), services.surgeBrake());
    }

    public boolean isPoison(final Exception exception) {
        return classifier.classify(exception) == FailureKind.POISON;
    }

    public boolean isDeadLetterTopic(final String topic) {
        return factory.topic().equals(topic);
    }

    public ProducerRecord<byte[], byte[]> deadLetter(final ErrorStage stage,
                                                     final Reason fallbackReason,
                                                     final ErrorHandlerContext context,
                                                     final byte[] originalKey,
                                                     final byte[] originalValue,
                                                     final Exception exception) {
        final Reason reason = Reason.of(exception, fallbackReason);
        LOG.warn("Dead-lettering record {}-{}@{} to {}: stage={} reason={} node={} error={}: {}",
                context.topic(), context.partition(), context.offset(), factory.topic(), stage, reason.code(),
                context.processorNodeId(), exception.getClass().getSimpleName(), exception.getMessage());
        final ProducerRecord<byte[], byte[]> deadLetter = factory.build(stage, reason, context, originalKey, originalValue,
                exception);
        // Counted once the letter exists: a build that throws fails the task and is not a dead letter.
        metrics.deadLettered(stage, reason);
        brake.deadLettered(stage, reason);
        return deadLetter;
    }

    /**
     * A dead letter of the input record behind {@code context}, built from the source bytes Kafka
     * Streams keeps in the context; empty (and logged) once Kafka Streams has released them, since
     * a dead letter without the original record would lose it: the caller then fails the task.
     */
    public Optional<ProducerRecord<byte[], byte[]>> deadLetterOfSource(final ErrorStage stage,
                                                                      final Reason fallbackReason,
                                                                      final ErrorHandlerContext context,
                                                                      final Exception exception) {
        if (context.sourceRawKey() == null && context.sourceRawValue() == null) {
            logFailure(stage, context, exception,
                    "the input bytes were already released, so no faithful dead letter can be built");
            return Optional.empty();
        }
        return Optional.of(deadLetter(stage, fallbackReason, context, context.sourceRawKey(), context.sourceRawValue(),
                exception));
    }

    /** Logs why a record is not dead-lettered and the task fails instead. */
    public void logFailure(final ErrorStage stage, final ErrorHandlerContext context, final Exception exception,
                           final String why) {
        LOG.error("Failing task {} at stage {} for record {}-{}@{} ({}); the input offset stays uncommitted",
                context.taskId(), stage, context.topic(), context.partition(), context.offset(), why, exception);
    }

    /** Logs a failure whose cause is infrastructure, not the record. */
    public void logFailure(final ErrorStage stage, final ErrorHandlerContext context, final Exception exception) {
        logFailure(stage, context, exception, exception.getClass().getName() + " is not a bad-record error");
    }
}
