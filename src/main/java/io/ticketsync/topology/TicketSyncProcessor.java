package io.ticketsync.topology;

import io.ticketsync.errors.DeadLetterSurgeBrake;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.model.TicketChange;
import io.ticketsync.model.TicketState;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Optional;

/**
 * Applies each change to the ticket's stored state and emits the full snapshot (null after a
 * DELETE). Stale changes are counted in {@code skipped-stale-total}. Exceptions are not caught
 * here: they go to the processing exception handler, which dead-letters the record.
 */
final class TicketSyncProcessor implements Processor<String, TicketChange, String, SyncedTicket> {

    private final TicketRules rules;
    private final String storeName;
    private ProcessorContext<String, SyncedTicket> context;
    private KeyValueStore<String, TicketState> store;
    private Sensor applied;
    private Sensor skippedStale;
    private DeadLetterSurgeBrake surgeBrake;

    TicketSyncProcessor(final TicketRules rules, final String storeName) {
        this.rules = rules;
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<String, SyncedTicket> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.applied = SyncMetrics.appliedSensor(context.metrics());
        this.skippedStale = SyncMetrics.skippedStaleSensor(context.metrics());
        this.surgeBrake = DeadLetterSurgeBrake.from(context.appConfigs());
    }

    @Override
    public void process(final Record<String, TicketChange> record) {
        final Optional<TicketState> next = rules.apply(record.key(), store.get(record.key()), record.value());
        if (next.isEmpty()) {
            skippedStale.record();
            surgeBrake.passed();
            return;
        }
        // Emit before storing, so a failing send fails the task before the store moves on (under
        // exactly_once_v2 the store is rolled back with the transaction). A snapshot the
        // production handler dead-letters (too large) still advances the store: the version is
        // consumed and the next applied change writes the full snapshot again.
        context.forward(record.withValue(next.get().snapshot()));
        store.put(record.key(), next.get());
        applied.record();
        surgeBrake.passed();
    }
}
