package io.ticketsync.control;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tails the control topic for the life of the instance and tells the runtime when the
 * group-wide brake is engaged or released, whoever wrote it. It never ends quietly: a failure is
 * retried with back-off (and reported, for readiness, while it lasts); only {@link #close()} or an
 * {@link Error} ends the loop, and the latter is reported as a liveness failure.
 */
public final class BrakeWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrakeWatch.class);

    /** Told on every change between engaged and released, on the watch's thread. */
    public interface Listener {
        void engaged(BrakeEvent event);

        void released(BrakeEvent event);
    }

    private final ControlTopic topic;
    private final Listener listener;
    private final LongSupplier nanoClock;
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile BrakeEvent current;
    private volatile long nextOffset;
    /** Why reading fails and since when; null while it works. */
    private volatile String failure;
    private volatile long failingSinceNanos;
    private volatile String stoppedBy;

    public BrakeWatch(final ControlTopic topic, final ControlTopic.BrakeState start, final Listener listener,
                      final LongSupplier nanoClock) {
        this.topic = topic;
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.current = start.latest().orElse(null);
        this.nextOffset = start.nextOffset();
        this.thread = new Thread(this::run, "ticket-sync-brake-watch");
        thread.setDaemon(true);
    }

    public BrakeWatch start() {
        thread.start();
        return this;
    }

    /** The latest event seen; empty before the brake was ever engaged. */
    public Optional<BrakeEvent> current() {
        return Optional.ofNullable(current);
    }

    public boolean engaged() {
        final BrakeEvent event = current;
        return event != null && event.engaged();
    }

    /** Why the watch cannot read the control topic, and for how long; empty while it can. */
    public Optional<String> readFailure() {
        final String why = failure;
        return why == null ? Optional.empty() : Optional.of("cannot read the brake's control topic " + topic.name()
                + " for " + Duration.ofNanos(nanoClock.getAsLong() - failingSinceNanos).toSeconds() + " s: " + why);
    }

    /** Set when the loop ended without being closed: the instance no longer learns of trips. */
    public Optional<String> stopped() {
        return Optional.ofNullable(stoppedBy).map(why -> "the brake's control-topic watch stopped: " + why);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        closing.countDown();
        // A wakeup, not an interrupt: an interrupted consumer cannot close cleanly (Kafka logs that as an error).
        final KafkaConsumer<byte[], byte[]> open = consumer;
        if (open != null) {
            open.wakeup();
        }
        thread.join(Duration.ofSeconds(10).toMillis());
    }

    private void run() {
        final Backoff backoff = new Backoff();
        try {
            while (!closed) {
                try (KafkaConsumer<byte[], byte[]> opened = topic.consumer("watch")) {
                    consumer = opened;
                    final TopicPartition partition = topic.partition();
                    opened.assign(List.of(partition));
                    opened.seek(partition, nextOffset);
                    while (!closed) {
                        for (final ConsumerRecord<byte[], byte[]> record : opened.poll(Duration.ofSeconds(1))) {
                            take(record);
                        }
                        recovered();
                        backoff.reset();
                    }
                } catch (final WakeupException e) {
                    // closing
                } catch (final RuntimeException e) {
                    if (closed) {
                        break;
                    }
                    failed(e);
                    sleep(backoff.next());
                }
            }
        } catch (final Error e) {
            stoppedBy = String.valueOf(e);
            LOG.error("The brake's control-topic watch stopped; this instance no longer learns of brake changes", e);
            throw e;
        }
    }

    private void take(final ConsumerRecord<byte[], byte[]> record) {
        final BrakeEvent before = current;
        final BrakeEvent after = ControlTopic.apply(before, record);
        nextOffset = record.offset() + 1;
        if (after == before) {
            return;
        }
        current = after;
        final boolean wasEngaged = before != null && before.engaged();
        if (after.engaged() && !wasEngaged) {
            listener.engaged(after);
        } else if (!after.engaged() && wasEngaged) {
            listener.released(after);
        }
    }

    private void failed(final RuntimeException e) {
        if (failure == null) {
            failingSinceNanos = nanoClock.getAsLong();
            LOG.warn("Cannot read the brake's control topic {}; retrying with back-off", topic.name(), e);
        }
        failure = String.valueOf(e);
    }

    private void recovered() {
        if (failure != null) {
            LOG.info("Reading the brake's control topic {} again", topic.name());
            failure = null;
        }
    }

    /** Waits out the back-off, or less when the watch is closed meanwhile. */
    private void sleep(final Duration backoff) {
        try {
            closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
