package io.ticketsync.guard;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

import java.time.Duration;
import java.util.Map;

/**
 * Whether a stream thread still polls, from its main consumer's {@code last-poll-seconds-ago}
 * metric. A thread that stops polling no longer learns of new input, so its own view of what is
 * waiting goes stale; the watchdog then asks the broker instead.
 */
public final class PollActivity {

    private static final String GROUP = "consumer-metrics";
    private static final String NAME = "last-poll-seconds-ago";

    private final KafkaStreams streams;
    private final long silentAfterSeconds;

    public PollActivity(final KafkaStreams streams, final Duration silentAfter) {
        this.streams = streams;
        this.silentAfterSeconds = Math.max(1, silentAfter.toSeconds());
    }

    /** True when the thread's consumer has not polled for the configured time. */
    boolean stoppedPolling(final ThreadMetadata thread) {
        for (final Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            final MetricName name = entry.getKey();
            if (NAME.equals(name.name()) && GROUP.equals(name.group())
                    && thread.consumerClientId().equals(name.tags().get("client-id"))) {
                return entry.getValue().metricValue() instanceof Number seconds
                        && seconds.doubleValue() >= silentAfterSeconds;
            }
        }
        return false;
    }
}
