package io.ticketsync.console;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.BrakeEvent;
import io.ticketsync.control.BrakeWatch;
import io.ticketsync.control.ControlTopic;

import java.util.Optional;

/**
 * The brake over the control topic: tailed in the background, so a page never waits for Kafka to
 * learn the state; released as {@code ticket-sync brake release} does.
 */
final class KafkaBrakeSwitch implements BrakeSwitch, AutoCloseable {

    private final TicketSyncConfig config;
    private final ControlTopic topic;
    private final BrakeWatch watch;

    KafkaBrakeSwitch(final TicketSyncConfig config) {
        this.config = config;
        this.topic = new ControlTopic(config);
        this.watch = new BrakeWatch(topic, new ControlTopic.BrakeState(Optional.empty(), 0), new BrakeWatch.Listener() {
            @Override
            public void engaged(final BrakeEvent event) {
                // the pages read the state when they render
            }

            @Override
            public void released(final BrakeEvent event) {
                // the pages read the state when they render
            }
        }, System::nanoTime).start();
    }

    @Override
    public Optional<BrakeEvent> state() {
        return watch.current();
    }

    @Override
    public boolean release(final String actor, final String note) throws InterruptedException {
        return topic.release(actor, note, config.startupTimeout()).isPresent();
    }

    @Override
    public void close() throws InterruptedException {
        watch.close();
    }
}
