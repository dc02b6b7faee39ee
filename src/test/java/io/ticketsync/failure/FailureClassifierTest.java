package io.ticketsync.failure;

import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private final FailureClassifier classifier = FailureClassifier.of(TestConfigs.defaults());

    @Test
    void shouldCallRecordErrorsAndBusinessLogicExceptionsPoison() {
        assertThat(classifier.classify(new BadRecordException(Reason.INVALID_JSON, "x"))).isEqualTo(FailureKind.POISON);
        assertThat(classifier.classify(new NullPointerException())).isEqualTo(FailureKind.POISON);
        assertThat(classifier.classify(new IllegalStateException())).isEqualTo(FailureKind.POISON);
    }

    @Test
    void shouldCallKafkaInfrastructureErrorsRecoverable() {
        assertThat(classifier.classify(new TimeoutException("x"))).isEqualTo(FailureKind.RECOVERABLE);
        assertThat(classifier.classify(new ProcessorStateException("x"))).isEqualTo(FailureKind.RECOVERABLE);
        assertThat(classifier.classify(new StreamsException(new NullPointerException()))).isEqualTo(FailureKind.RECOVERABLE);
        assertThat(classifier.classify(new TaskMigratedException("x"))).isEqualTo(FailureKind.RECOVERABLE);
        assertThat(classifier.classify(new RecordTooLargeException("x"))).as("no dead letter can undo a refused send")
                .isEqualTo(FailureKind.RECOVERABLE);
    }

    @Test
    void shouldCallSecurityAndJvmErrorsFatalEvenWhenWrapped() {
        assertThat(classifier.classify(new StreamsException(new TopicAuthorizationException("no")))).isEqualTo(FailureKind.FATAL);
        assertThat(classifier.classify(new SaslAuthenticationException("bad password"))).isEqualTo(FailureKind.FATAL);
        assertThat(classifier.classify(new StreamsException(new OutOfMemoryError()))).isEqualTo(FailureKind.FATAL);
    }

    @Test
    void shouldUseConfiguredFatalClassesInsteadOfDefaults() {
        final FailureClassifier custom = new FailureClassifier(List.of(TimeoutException.class));

        assertThat(custom.classify(new StreamsException(new TimeoutException("x")))).isEqualTo(FailureKind.FATAL);
        assertThat(custom.classify(new TopicAuthorizationException("no"))).isEqualTo(FailureKind.RECOVERABLE);
    }

    @Test
    void shouldCallUnreadableStoreValueFatalWhateverTheConfiguredFatalClasses() {
        final FailureClassifier noneConfigured = new FailureClassifier(List.of());
        final UnreadableStoreValueException unreadable =
                new UnreadableStoreValueException("ticket-snapshots", "T-1", new SerializationException("bad"));

        assertThat(noneConfigured.classify(unreadable)).isEqualTo(FailureKind.FATAL);
        assertThat(noneConfigured.classify(new StreamsException(unreadable))).isEqualTo(FailureKind.FATAL);
    }

    @Test
    void shouldStopWalkingCauseChainThatLoops() {
        final RuntimeException first = new RuntimeException("first");
        final RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(classifier.classify(first)).isEqualTo(FailureKind.POISON);
    }
}
