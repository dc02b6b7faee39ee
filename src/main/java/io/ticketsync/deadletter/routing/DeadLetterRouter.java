package io.ticketsync.deadletter.routing;

import io.ticketsync.failure.Classification;
import io.ticketsync.guard.DeadLetterSurgeBrake;
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

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the three exception handlers share: the one classifier's verdict turned into resume with a
 * dead letter or fail, and the factory that builds the dead letter. Logs every routing decision
 * with the record's coordinates (never its content).
 */
public final class DeadLetterRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    private final FailureClassifier classifier;
    private final DeadLetterRecordFactory factory;
    private final TicketSyncMetrics metrics;
    /** The window a record's outcome counts in, by the topic it was read from. */
    private final Function<String, DeadLetterSurgeBrake> brakes;

    /** Every dead letter counts in {@code brake}, whatever topic its record came from. */
    public DeadLetterRouter(final FailureClassifier classifier, final DeadLetterRecordFactory factory,
                            final TicketSyncMetrics metrics, final DeadLetterSurgeBrake brake) {
        this(classifier, factory, metrics, topic -> brake);
    }

    public DeadLetterRouter(final FailureClassifier classifier, final DeadLetterRecordFactory factory,
                            final TicketSyncMetrics metrics, final Function<String, DeadLetterSurgeBrake> brakes) {
        this.classifier = classifier;
        this.factory = factory;
        this.metrics = metrics;
        this.brakes = brakes;
    }

    /** Built from the services the runner put into the map Kafka Streams hands to {@code configure}. */
    public static DeadLetterRouter from(final Map<String, ?> configs) {
        final AppServices services = AppServices.from(configs);
        return new DeadLetterRouter(services.classifier(), new DeadLetterRecordFactory(services.config(),
                        services.bounds().timestamps(), System::currentTimeMillis),
                services.metrics(), services::brakeFor);
    }

    /**
     * What becomes of a record whose handling threw at {@code stage}: poison is dead-lettered (built
     * from {@code key} and {@code value}) and processing resumes; anything else fails the task,
     * logged. The handlers differ only in their {@code Response} type, so they pass its factories.
     */
    public <R> R route(final ErrorStage stage, final ErrorHandlerContext context, final byte[] key, final byte[] value,
                       final Exception exception, final Function<List<ProducerRecord<byte[], byte[]>>, R> resume,
                       final Supplier<R> fail) {
        return route(classifier.classify(stage, exception), stage, context, key, value, exception, resume, fail);
    }

    private <R> R route(final Classification verdict, final ErrorStage stage, final ErrorHandlerContext context,
                        final byte[] key, final byte[] value, final Exception exception,
                        final Function<List<ProducerRecord<byte[], byte[]>>, R> resume, final Supplier<R> fail) {
        if (!verdict.isPoison()) {
            logFailure(stage, context, exception);
            return fail.get();
        }
        return resume.apply(List.of(deadLetter(stage, verdict.reason(), context, key, value, exception)));
    }

    /**
     * {@link #route} for the input record behind {@code context}, from the source bytes Kafka
     * Streams keeps in the context. Once Kafka Streams has released them, poison fails the task
     * too (logged): a dead letter without the original record would lose it.
     */
    public <R> R routeSource(final ErrorStage stage, final ErrorHandlerContext context, final Exception exception,
                             final Function<List<ProducerRecord<byte[], byte[]>>, R> resume, final Supplier<R> fail) {
        final Classification verdict = classifier.classify(stage, exception);
        if (verdict.isPoison() && context.sourceRawKey() == null && context.sourceRawValue() == null) {
            logFailure(stage, context, exception,
                    "the input bytes were already released, so no faithful dead letter can be built");
            return fail.get();
        }
        return route(verdict, stage, context, context.sourceRawKey(), context.sourceRawValue(), exception, resume, fail);
    }

    /** True when trying the same call again may succeed. */
    public boolean isTransient(final ErrorStage stage, final Exception exception) {
        return classifier.classify(stage, exception).kind() == FailureKind.TRANSIENT;
    }

    public boolean isDeadLetterTopic(final String topic) {
        return factory.topic().equals(topic);
    }

    /** Builds, logs and counts the dead letter of a record classified as poison with {@code reason}. */
    public ProducerRecord<byte[], byte[]> deadLetter(final ErrorStage stage,
                                                     final Reason reason,
                                                     final ErrorHandlerContext context,
                                                     final byte[] originalKey,
                                                     final byte[] originalValue,
                                                     final Exception exception) {
        LOG.warn("Dead-lettering record {}-{}@{} to {}: stage={} reason={} node={} error={}: {}",
                context.topic(), context.partition(), context.offset(), factory.topic(), stage, reason.code(),
                context.processorNodeId(), exception.getClass().getSimpleName(), exception.getMessage());
        final ProducerRecord<byte[], byte[]> deadLetter = factory.build(stage, reason, context, originalKey, originalValue,
                exception);
        // Counted once the letter exists: a build that throws fails the task and is not a dead letter.
        metrics.deadLettered(stage, reason);
        brakes.apply(context.topic()).deadLettered(stage, reason, context.topic(), context.partition(), context.offset());
        return deadLetter;
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
