package io.ticketsync.cli;

import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code ticket-sync topics}: the topics of the effective configuration as ready-to-run
 * {@code kafka-topics.sh --create} commands, laid out by {@link TopicLayout}, the one source that
 * {@code dev}, compose and the tests create topics from.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Print the kafka-topics.sh commands that create the topics this configuration uses.",
                "Run them as an admin before the first start; $BOOTSTRAP and admin.properties are the admin's connection."})
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "3",
            description = "Replicas per partition (default: ${DEFAULT-VALUE}; a production cluster has at least three brokers).")
    private int replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "N", defaultValue = "2",
            description = "min.insync.replicas of each topic (default: ${DEFAULT-VALUE}: one broker may fail without losing"
                    + " an acknowledged write); at most --replication-factor.")
    private int minInsyncReplicas;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        validateArguments();
        final TicketSyncConfig loaded = config.load();
        final PrintWriter out = spec.commandLine().getOut();
        out.print(script(loaded, (short) replicationFactor, minInsyncReplicas));
        out.flush();
        return ExitCodes.OK;
    }

    /** Judged before the configuration is read: exit 2, naming the option. */
    private void validateArguments() {
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "--replication-factor must be from 1 to " + Short.MAX_VALUE
                    + ", got " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new ParameterException(spec.commandLine(), "--min-insync-replicas must be from 1 to --replication-factor ("
                    + replicationFactor + "), got " + minInsyncReplicas);
        }
    }

    /** One {@code kafka-topics.sh --create} line per topic, idempotent ({@code --if-not-exists}). */
    static String script(final TicketSyncConfig config, final short replicationFactor, final int minInsyncReplicas) {
        final StringBuilder text = new StringBuilder("# ticket-sync topics (application.id " + config.applicationId()
                + "); Kafka Streams creates its own changelog, " + TopicLayout.changelog(config.applicationId())
                + ", with replication.factor\n");
        for (final NewTopic topic : TopicLayout.newTopics(config.topics(), replicationFactor)) {
            final Map<String, String> configs = new TreeMap<>(topic.configs() == null ? Map.of() : topic.configs());
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
            text.append("kafka-topics.sh --bootstrap-server $BOOTSTRAP --command-config admin.properties --create"
                    + " --if-not-exists --topic ").append(topic.name()).append(" --partitions ").append(topic.numPartitions())
                    .append(" --replication-factor ").append(topic.replicationFactor());
            configs.forEach((key, value) -> text.append(" --config ").append(key).append('=').append(value));
            text.append('\n');
        }
        return text.toString();
    }
}
