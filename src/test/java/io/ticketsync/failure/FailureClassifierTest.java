package io.ticketsync.failure;

import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private final FailureClassifier classifier = FailureClassifier.of(TestConfigs.defaults());

    @Test
    void shouldCallRecordErrorsAndBusinessLogicExceptionsPoison() {
        assertThat(classifier.classify(new BadRecordException(Reason.INVALID_JSON, "x")).kind()).isEqualTo(FailureKind.POISON);
        assertThat(classifier.classify(new NullPointerException()).kind()).isEqualTo(FailureKind.POISON);
        assertThat(classifier.classify(new IllegalStateException()).kind()).isEqualTo(FailureKind.POISON);
    }

    @Test
    void shouldCallKafkaInfrastructureErrorsRecoverable() {
        assertThat(classifier.classify(new ProcessorStateException("x")).kind()).isEqualTo(FailureKind.RECOVERABLE);
        assertThat(classifier.classify(new StreamsException(new NullPointerException())).kind()).isEqualTo(FailureKind.RECOVERABLE);
        assertThat(classifier.classify(new RecordTooLargeException("x")).kind()).as("no dead letter can undo a refused send")
                .isEqualTo(FailureKind.RECOVERABLE);
    }

    @Test
    void shouldCallATransactionTheBrokerAbortedOrFencedABrokerFaultWhenWrapped() {
        // What Kafka Streams 4.3's StreamsProducer throws when the coordinator already aborted the transaction.
        final StreamsException commitFailed = new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));

        assertThat(classifier.classify(commitFailed).kind()).isEqualTo(FailureKind.BROKER_FAULT);
        assertThat(List.<Throwable>of(new ProducerFencedException("x"), new InvalidProducerEpochException("x"),
                new TransactionAbortedException("x"), new TransactionAbortableException("x"),
                new InvalidPidMappingException("x"), new UnknownProducerIdException("x"), new CommitFailedException("x"),
                new TaskMigratedException("x"), new TaskCorruptedException(Set.of()),
                new TaskMigratedException("fenced", new ProducerFencedException("x")),
                new StreamsException(new StreamsException(new ProducerFencedException("x")))))
                .allSatisfy(failure -> assertThat(classifier.classify(failure).kind()).as("%s", failure)
                        .isEqualTo(FailureKind.BROKER_FAULT));
    }

    @Test
    void shouldCallRetriableErrorsABrokerFaultWhenTheyKillAThreadThatNoRetryIsOfferedTo() {
        assertThat(classifier.classify(new TimeoutException("x")).kind()).isEqualTo(FailureKind.BROKER_FAULT);
        assertThat(classifier.classify(new StreamsException(new NotLeaderOrFollowerException("x"))).kind())
                .isEqualTo(FailureKind.BROKER_FAULT);
        assertThat(classifier.classify(ErrorStage.PRODUCTION, new TimeoutException("x")).kind())
                .as("a handler may still retry").isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void shouldNotCallAFailureABrokerFaultWhenOnlyBusinessLogicWrapsOne() {
        assertThat(classifier.classify(new IllegalStateException(new InvalidTxnStateException("x"))).kind())
                .isEqualTo(FailureKind.POISON);
        assertThat(classifier.classify(new StreamsException(new FencedInstanceIdException("two instances, one id"))).kind())
                .as("a deployment mistake, not a broker event").isEqualTo(FailureKind.RECOVERABLE);
    }

    @Test
    void shouldCallConfiguredFatalClassesFatalEvenInsideABrokerFault() {
        final FailureClassifier custom = new FailureClassifier(List.of(InvalidTxnStateException.class));

        assertThat(custom.classify(new StreamsException(new InvalidTxnStateException("x"))).kind()).isEqualTo(FailureKind.FATAL);
    }

    @Test
    void shouldCallRetriableKafkaErrorsTransientAndNameNoReason() {
        final Classification verdict = classifier.classify(ErrorStage.PRODUCTION, new TimeoutException("x"));

        assertThat(verdict.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(verdict.reason()).as("only poison is dead-lettered with a reason").isNull();
    }

    @Test
    void shouldNameTheReasonOfPoisonTogetherWithItsKind() {
        assertThat(classifier.classify(ErrorStage.PROCESSING, new BadRecordException(Reason.KEY_MISMATCH, "x")))
                .isEqualTo(new Classification(FailureKind.POISON, Reason.KEY_MISMATCH));
        assertThat(classifier.classify(ErrorStage.PROCESSING, new NullPointerException()))
                .isEqualTo(new Classification(FailureKind.POISON, Reason.UNEXPECTED_EXCEPTION));
        assertThat(classifier.classify(ErrorStage.DESERIALIZATION, new IllegalStateException()))
                .isEqualTo(new Classification(FailureKind.POISON, Reason.UNDECODABLE));
        assertThat(classifier.classify(new IllegalStateException()).reason()).isEqualTo(Reason.UNEXPECTED_EXCEPTION);
    }

    @Test
    void shouldCallSecurityAndJvmErrorsFatalEvenWhenWrapped() {
        assertThat(classifier.classify(new StreamsException(new TopicAuthorizationException("no"))).kind()).isEqualTo(FailureKind.FATAL);
        assertThat(classifier.classify(new SaslAuthenticationException("bad password")).kind()).isEqualTo(FailureKind.FATAL);
        assertThat(classifier.classify(new StreamsException(new OutOfMemoryError())).kind()).isEqualTo(FailureKind.FATAL);
    }

    @Test
    void shouldUseConfiguredFatalClassesInsteadOfDefaults() {
        final FailureClassifier custom = new FailureClassifier(List.of(TimeoutException.class));

        assertThat(custom.classify(new StreamsException(new TimeoutException("x"))).kind()).isEqualTo(FailureKind.FATAL);
        assertThat(custom.classify(new TopicAuthorizationException("no")).kind()).isEqualTo(FailureKind.RECOVERABLE);
    }

    @Test
    void shouldCallUnreadableStoreValueFatalWhateverTheConfiguredFatalClasses() {
        final FailureClassifier noneConfigured = new FailureClassifier(List.of());
        final UnreadableStoreValueException unreadable =
                new UnreadableStoreValueException("ticket-snapshots", "T-1", new SerializationException("bad"));

        assertThat(noneConfigured.classify(unreadable).kind()).isEqualTo(FailureKind.FATAL);
        assertThat(noneConfigured.classify(new StreamsException(unreadable)).kind()).isEqualTo(FailureKind.FATAL);
    }

    @Test
    void shouldStopWalkingCauseChainThatLoops() {
        final RuntimeException first = new RuntimeException("first");
        final RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(classifier.classify(first).kind()).isEqualTo(FailureKind.POISON);
    }
}
