package io.ticketsync.failure;

import io.ticketsync.config.TicketSyncConfig;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.TransactionCoordinatorFencedException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;

import java.util.List;

/**
 * Decides poison vs transient vs broker fault vs recoverable vs fatal for any throwable, and for poison the reason
 * its dead letter gives. The exception handlers (to choose between dead-lettering, retrying and
 * failing) and the uncaught-exception policy (to choose between replacing a thread and shutting
 * down) all ask this one class. The fatal classes are configured ({@code uncaught.fatal.exceptions}),
 * plus {@link UnreadableStoreValueException}, which is always fatal.
 */
public final class FailureClassifier {

    /** Fatal whatever {@code uncaught.fatal.exceptions} says: retrying meets the same failure again. */
    private static final List<Class<? extends Throwable>> ALWAYS_FATAL = List.of(UnreadableStoreValueException.class);

    /**
     * The cluster undid the attempt (see {@link FailureKind#BROKER_FAULT}), found anywhere in the
     * cause chain: Kafka Streams 4.3 hands the uncaught-exception handler a {@code StreamsException}
     * around the producer's or consumer's error (a commit the coordinator had already aborted ends
     * as {@code StreamsException("Error encountered trying to commit a transaction")} around
     * {@code InvalidTxnStateException}). Fencing is normally handled inside the stream thread as
     * {@link TaskMigratedException} or {@link TaskCorruptedException}; these count when they
     * escape. {@code FencedInstanceIdException} is left out: two instances with one
     * {@code group.instance.id} is a deployment mistake, not a broker event.
     */
    private static final List<Class<? extends Throwable>> BROKER_FAULTS = List.of(
            RetriableException.class,
            InvalidTxnStateException.class, TransactionAbortableException.class, TransactionAbortedException.class,
            ProducerFencedException.class, InvalidProducerEpochException.class, InvalidPidMappingException.class,
            OutOfOrderSequenceException.class, TransactionCoordinatorFencedException.class,
            CommitFailedException.class, RebalanceInProgressException.class, UnknownMemberIdException.class,
            IllegalGenerationException.class,
            TaskMigratedException.class, TaskCorruptedException.class);

    private final List<Class<? extends Throwable>> fatal;

    public FailureClassifier(final List<Class<? extends Throwable>> fatal) {
        this.fatal = List.copyOf(fatal);
    }

    /** The classifier with the configured fatal classes. */
    public static FailureClassifier of(final TicketSyncConfig config) {
        return new FailureClassifier(config.guards().fatalExceptions());
    }

    /**
     * What {@code failure} is, where the stage it happened at is unknown (a dying stream thread).
     * Never {@link FailureKind#TRANSIENT}: a dying thread is offered no retry, so what a retry
     * might have got past is a {@link FailureKind#BROKER_FAULT}.
     */
    public Classification classify(final Throwable failure) {
        final Classification verdict = classify(failure, Reason.UNEXPECTED_EXCEPTION);
        return verdict.kind() == FailureKind.TRANSIENT ? Classification.of(FailureKind.BROKER_FAULT) : verdict;
    }

    /** What {@code failure} at {@code stage} is; poison nobody foresaw is undecodable while deserializing. */
    public Classification classify(final ErrorStage stage, final Throwable failure) {
        return classify(failure, stage == ErrorStage.DESERIALIZATION ? Reason.UNDECODABLE : Reason.UNEXPECTED_EXCEPTION);
    }

    private Classification classify(final Throwable failure, final Reason unforeseen) {
        if (anyInChain(failure, ALWAYS_FATAL) || anyInChain(failure, fatal)) {
            return Classification.of(FailureKind.FATAL);
        }
        if (failure instanceof BadRecordException bad) {
            return Classification.poison(bad.reason());
        }
        if (failure instanceof RetriableException) {
            return Classification.of(FailureKind.TRANSIENT);
        }
        // No Kafka exception is about one record here: sizes are checked before a record reaches
        // the producer, and a refusal by the producer or broker aborts the exactly_once_v2
        // transaction, which no dead letter can rescue. Only a Kafka exception's chain is searched
        // for broker faults: business logic that wraps one is still about its record.
        if (failure instanceof KafkaException) {
            return Classification.of(anyInChain(failure, BROKER_FAULTS) ? FailureKind.BROKER_FAULT : FailureKind.RECOVERABLE);
        }
        // Anything else was thrown by our own business logic about this record.
        return Classification.poison(unforeseen);
    }

    private static boolean anyInChain(final Throwable failure, final List<Class<? extends Throwable>> types) {
        Throwable current = failure;
        int depth = 0;
        // The depth bound guards against cause cycles.
        while (current != null && depth++ < 32) {
            if (isAny(current, types)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    private static boolean isAny(final Throwable failure, final List<Class<? extends Throwable>> types) {
        return types.stream().anyMatch(type -> type.isInstance(failure));
    }
}
