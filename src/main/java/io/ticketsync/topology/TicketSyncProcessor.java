package io.ticketsync.topology;

import io.ticketsync.codec.TicketStateCodec;
import io.ticketsync.guard.DeadLetterSurgeBrake;
import io.ticketsync.metrics.RecordCounters;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Optional;

/**
 * Applies each change to the ticket's stored state and emits the full snapshot, already encoded
 * (null after a DELETE). Stale changes are counted in {@code skipped-stale-total}. Exceptions are
 * not caught here: they go to the processing exception handler, which dead-letters the record.
 */
final class TicketSyncProcessor implements Processor<String, TicketChange, String, byte[]> {

    private final TicketRules rules;
    private final TicketStateCodec states;
    private final String storeName;
    private SizeCheckedEncoder encoder;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;
    private Sensor applied;
    private Sensor skippedStale;
    private AppServices services;

    TicketSyncProcessor(final TicketRules rules, final TicketStateCodec states, final String storeName) {
        this.rules = rules;
        this.states = states;
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.applied = RecordCounters.appliedSensor(context.metrics());
        this.skippedStale = RecordCounters.skippedStaleSensor(context.metrics());
        final AppServices services = AppServices.from(context.appConfigs());
        this.services = services;
        // The limit the startup check read from the cluster reaches the processor here, not through
        // the topology builder, which stays a pure function of the configuration.
        final WriteBounds bounds = services.bounds();
        this.encoder = new SizeCheckedEncoder(states, bounds.outputMaxRecordBytes(), bounds.outputLimitSource());
    }

    @Override
    public void process(final Record<String, TicketChange> record) {
        final TicketState current = TicketStateReader.read(store, record.key());
        final Optional<TicketState> next = rules.apply(record.key(), current, record.value());
        if (next.isEmpty()) {
            skippedStale.record();
            brake().stale();
            return;
        }
        // Sizes are checked before anything is written: a change too large to emit or to store is
        // dead-lettered and the store keeps the last state that can be written, so later changes
        // merge onto it and the dead letter, replayed under a higher limit, still applies.
        final SizeCheckedEncoder.Encoded encoded = encoder.encode(record.key(), next.get(), record.headers());
        // Emit before storing, so a failing send fails the task before the store moves on (under
        // exactly_once_v2 the store is rolled back with the transaction).
        context.forward(record.withValue(encoded.output()));
        store.put(record.key(), encoded.stored());
        applied.record();
        brake().applied();
    }

    /** The live window, or the replay topic's for a replayed record. */
    private DeadLetterSurgeBrake brake() {
        return services.brakeFor(context.recordMetadata().map(RecordMetadata::topic).orElse(null));
    }
}
