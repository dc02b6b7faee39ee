package io.ticketsync.cluster;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.RecordLimits;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.topology.TimestampWindow;
import io.ticketsync.topology.WriteBounds;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads what the output, changelog and dead-letter topics accept and turns it into the
 * {@link WriteBounds} the pipeline keeps to. Sizes: {@code output.max.record.bytes} must not exceed
 * the producer's {@code max.request.size} nor the output and changelog topics' {@code max.message.bytes}
 * (the changelog before Kafka Streams creates it: {@code topic.max.message.bytes}, else the broker's
 * {@code message.max.bytes}), and {@code dlq.max.record.bytes} not the dead-letter topic's; a limit
 * above what the broker accepts lets through records it then refuses, which fails the task on every
 * retry. Timestamps: the narrowest window of the three topics. A figure this principal may not
 * read (no DescribeConfigs) is skipped with a warning: the check guards, it does not gate.
 */
final class RecordLimitCheck {

    private static final String BROKER_MAX_MESSAGE_BYTES = "message.max.bytes";
    private static final String BROKER_TIMESTAMP_TYPE = "log.message.timestamp.type";
    private static final String BROKER_BEFORE_MAX_MS = "log.message.timestamp.before.max.ms";
    private static final String BROKER_AFTER_MAX_MS = "log.message.timestamp.after.max.ms";

    /** A limit in bytes and where it comes from, e.g. "max.message.bytes of output topic 'x'". */
    private record Figure(long bytes, String source) {

        String describe() {
            return source + " = " + bytes;
        }
    }

    private final TicketSyncConfig config;
    private final String changelog;

    RecordLimitCheck(final TicketSyncConfig config) {
        this.config = config;
        this.changelog = TopicLayout.changelog(config.applicationId());
    }

    /** The topics whose settings it reads. */
    List<String> topics() {
        return List.of(config.topics().output(), changelog, config.topics().deadLetter());
    }

    /** The findings, and the bounds to run with when there is no problem among them. */
    WriteBounds check(final ClusterView cluster, final Findings findings) {
        final Figure outputLimit = outputLimit(cluster, findings);
        final WriteBounds bounds = new WriteBounds((int) outputLimit.bytes(), outputLimit.source(), window(cluster, findings));
        checkDeadLetterLimit(cluster, findings);
        return bounds;
    }

    /** The smallest figure known: the effective limit, at most {@code output.max.record.bytes}. */
    private Figure outputLimit(final ClusterView cluster, final Findings findings) {
        final RecordLimits limits = config.limits();
        final Figure own = new Figure(limits.outputMaxRecordBytes(), ConfigKeys.OUTPUT_MAX_RECORD_BYTES);
        final List<Figure> figures = new ArrayList<>(List.of(own,
                new Figure(limits.producerMaxRequestSize().bytes(), "the producer's " + limits.producerMaxRequestSize().key()
                        + (limits.producerMaxRequestSize().kafkaDefault() ? " (Kafka's default)" : ""))));
        topicMaxMessageBytes(cluster, "output", config.topics().output(), findings).ifPresent(figures::add);
        changelogMaxMessageBytes(cluster, findings).ifPresent(figures::add);
        final String numbers = figures.stream().map(Figure::describe).collect(Collectors.joining(", "));
        findings.figure("output and changelog record limit: " + numbers);
        final List<Figure> below = figures.stream().filter(figure -> figure.bytes() < own.bytes()).toList();
        if (!below.isEmpty()) {
            findings.problem("'" + ConfigKeys.OUTPUT_MAX_RECORD_BYTES + "' is " + own.bytes() + " but "
                    + below.stream().map(Figure::describe).collect(Collectors.joining(" and "))
                    + ": a change between them would be refused and fail its task on every retry; lower '"
                    + ConfigKeys.OUTPUT_MAX_RECORD_BYTES + "' to " + below.stream().mapToLong(Figure::bytes).min().orElseThrow()
                    + " or less, or raise the others (" + numbers + ")");
        }
        return figures.stream().min(Comparator.comparingLong(Figure::bytes)).orElseThrow();
    }

    private Optional<Figure> changelogMaxMessageBytes(final ClusterView cluster, final Findings findings) {
        final ClusterView.TopicState state = cluster.topic(changelog);
        if (state.exists()) {
            return topicMaxMessageBytes(cluster, "changelog", changelog, findings);
        }
        final String topicKey = StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        final Optional<String> configured = kafkaSetting(topicKey);
        if (configured.isPresent()) {
            return Optional.of(new Figure(Long.parseLong(configured.get()), "max.message.bytes of changelog topic '"
                    + changelog + "' (not created yet: '" + topicKey + "')"));
        }
        final Optional<String> brokerDefault = cluster.brokerConfig(BROKER_MAX_MESSAGE_BYTES);
        if (brokerDefault.isEmpty()) {
            findings.warning("could not read the broker's " + BROKER_MAX_MESSAGE_BYTES + ", which the changelog '"
                    + changelog + "' will be created with: this principal may not describe the cluster's configuration");
            return Optional.empty();
        }
        return Optional.of(new Figure(Long.parseLong(brokerDefault.get()), "max.message.bytes of changelog topic '"
                + changelog + "' (not created yet: the broker's " + BROKER_MAX_MESSAGE_BYTES + ")"));
    }

    private Optional<Figure> topicMaxMessageBytes(final ClusterView cluster, final String role, final String topic,
                                                  final Findings findings) {
        final ClusterView.TopicState state = cluster.topic(topic);
        if (state.configs().isEmpty()) {
            if (state.exists()) {
                findings.warning("skipped comparing record limits with max.message.bytes of " + role + " topic '" + topic
                        + "': this principal may not describe its configuration (DescribeConfigs)");
            }
            return Optional.empty();
        }
        return state.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                .map(value -> new Figure(Long.parseLong(value), "max.message.bytes of " + role + " topic '" + topic + "'"));
    }

    private void checkDeadLetterLimit(final ClusterView cluster, final Findings findings) {
        final int own = config.limits().dlqMaxRecordBytes();
        final Optional<Figure> topic = topicMaxMessageBytes(cluster, "dead-letter", config.topics().deadLetter(), findings);
        findings.figure("dead-letter record limit: " + ConfigKeys.DLQ_MAX_RECORD_BYTES + " = " + own + ", the producer's "
                + config.limits().producerMaxRequestSize().describe().replaceFirst(" ", " = ")
                + topic.map(figure -> ", " + figure.describe()).orElse(""));
        topic.filter(figure -> own > figure.bytes()).ifPresent(figure -> findings.problem("'"
                + ConfigKeys.DLQ_MAX_RECORD_BYTES + "' is " + own + " but " + figure.describe() + ": lower '"
                + ConfigKeys.DLQ_MAX_RECORD_BYTES + "' to " + figure.bytes() + " or less, or raise the topic's max.message.bytes"));
    }

    /** The narrowest timestamp window of the output, changelog and dead-letter topics. */
    private TimestampWindow window(final ClusterView cluster, final Findings findings) {
        TimestampWindow narrowest = TimestampWindow.UNBOUNDED;
        final List<String> described = new ArrayList<>();
        for (final String topic : topics()) {
            final TimestampWindow window = windowOf(cluster, topic, findings);
            described.add("'" + topic + "' " + describe(window));
            narrowest = narrowest.narrowedTo(window);
        }
        findings.figure("record timestamps accepted: " + String.join(", ", described) + "; derived records outside "
                + describe(narrowest) + " are stamped with the wall-clock time");
        return narrowest;
    }

    private TimestampWindow windowOf(final ClusterView cluster, final String topic, final Findings findings) {
        final ClusterView.TopicState state = cluster.topic(topic);
        if (state.exists()) {
            if (state.configs().isEmpty()) {
                findings.warning("could not read the timestamp limits of topic '" + topic + "' (DescribeConfigs); "
                        + "assuming Kafka's defaults");
                return TimestampWindow.KAFKA_DEFAULT;
            }
            return window(state.config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG),
                    state.config(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG),
                    state.config(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG));
        }
        // Not created yet (the changelog on a first start): what it will be created with.
        return window(
                kafkaSetting(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG))
                        .or(() -> cluster.brokerConfig(BROKER_TIMESTAMP_TYPE)),
                kafkaSetting(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG))
                        .or(() -> cluster.brokerConfig(BROKER_BEFORE_MAX_MS)),
                kafkaSetting(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG))
                        .or(() -> cluster.brokerConfig(BROKER_AFTER_MAX_MS)));
    }

    private static TimestampWindow window(final Optional<String> type, final Optional<String> beforeMaxMs,
                                          final Optional<String> afterMaxMs) {
        // The broker stamps LogAppendTime topics itself and checks no producer timestamp.
        if (type.filter(TimestampType.LOG_APPEND_TIME.name::equals).isPresent()) {
            return TimestampWindow.UNBOUNDED;
        }
        return new TimestampWindow(
                beforeMaxMs.map(Long::parseLong).orElse(TimestampWindow.KAFKA_DEFAULT.beforeMaxMs()),
                afterMaxMs.map(Long::parseLong).orElse(TimestampWindow.KAFKA_DEFAULT.afterMaxMs()));
    }

    private static String describe(final TimestampWindow window) {
        return "[" + (window.beforeMaxMs() == Long.MAX_VALUE ? "any age" : window.beforeMaxMs() + " ms old") + ", "
                + (window.afterMaxMs() == Long.MAX_VALUE ? "any time ahead" : window.afterMaxMs() + " ms ahead") + "]";
    }

    private Optional<String> kafkaSetting(final String key) {
        return Optional.ofNullable(config.kafka().properties().get(key)).map(String::valueOf);
    }
}
