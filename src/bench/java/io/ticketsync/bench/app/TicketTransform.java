package io.ticketsync.bench.app;

import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.codec.TicketStateCodec;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.failure.Classification;
import io.ticketsync.failure.ErrorStage;
import io.ticketsync.failure.FailureClassifier;
import io.ticketsync.failure.Reason;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;
import io.ticketsync.topology.SizeCheckedEncoder;
import io.ticketsync.topology.TicketApplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ticket-sync's per-record work as a team would call it from a hand-written loop: the same
 * decoder, rules and encoder, with the ticket state in a HashMap. That state is not persisted, so
 * this loop does less than ticket-sync (no changelog, nothing to restore after a crash).
 */
final class TicketTransform {

    private final TicketChangeDecoder decoder = new TicketChangeDecoder();
    private final TicketApplier applier;
    private final FailureClassifier classifier;
    private final SizeCheckedEncoder encoder;
    private final String outputTopic;
    private final String deadLetterTopic;
    private final Map<String, TicketState> state = new HashMap<>();

    TicketTransform(final TicketSyncConfig config) {
        this.applier = new TicketApplier(config.statusMapping(), config.priorityMapping());
        this.classifier = FailureClassifier.of(config);
        this.encoder = new SizeCheckedEncoder(new TicketStateCodec("hand-loop"), config.limits().outputMaxRecordBytes());
        this.outputTopic = config.topics().output();
        this.deadLetterTopic = config.topics().deadLetter();
    }

    /** The output record, a dead letter, or empty for a stale change. */
    Optional<ProducerRecord<byte[], byte[]>> apply(final ConsumerRecord<byte[], byte[]> in) {
        try {
            if (in.key() == null) {
                throw new IllegalArgumentException("record key is null");
            }
            final String key = new String(in.key(), StandardCharsets.UTF_8);
            final TicketChange change = decoder.decode(in.value());
            final Optional<TicketState> next = applier.apply(key, state.get(key), change);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            final byte[] snapshot = encoder.encode(key, next.get(), new RecordHeaders()).output();
            state.put(key, next.get());
            return Optional.of(new ProducerRecord<>(outputTopic, in.key(), snapshot));
        } catch (final RuntimeException e) {
            final RecordHeaders headers = new RecordHeaders(in.headers().toArray());
            final Classification verdict = classifier.classify(ErrorStage.DESERIALIZATION, e);
            final Reason reason = verdict.isPoison() ? verdict.reason() : Reason.UNEXPECTED_EXCEPTION;
            headers.add("error.reason", reason.code().getBytes(StandardCharsets.UTF_8));
            return Optional.of(new ProducerRecord<>(deadLetterTopic, null, in.key(), in.value(), headers));
        }
    }
}
