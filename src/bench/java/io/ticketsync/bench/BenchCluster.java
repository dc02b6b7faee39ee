package io.ticketsync.bench;

import io.ticketsync.config.Topics;
import io.ticketsync.dev.DevBroker;
import io.ticketsync.dev.DevSession;
import io.ticketsync.cluster.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one local broker every row runs against (dev mode's, started from the harness's classpath,
 * which bench/run builds from Maven's test classpath: it carries the broker the production jar
 * does not), and the admin calls the harness needs.
 */
final class BenchCluster implements AutoCloseable {

    private final DevBroker broker;
    private final Admin admin;

    private BenchCluster(final DevBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    static BenchCluster start(final Path dataDir, final int port, final int controllerPort) throws Exception {
        return new BenchCluster(DevBroker.start(dataDir, port, controllerPort, Duration.ofSeconds(60)));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Input (6 partitions), compacted output (6), dead letters (1) and compacted resolutions (1), as docs/contract.md lays them out. */
    void createTopics(final Topics topics) throws ExecutionException, InterruptedException {
        create(TopicLayout.newTopics(topics, (short) 1));
    }

    /** The output and dead-letter topics of the layout, for an application reading an existing input. */
    void createOutputTopics(final Topics topics) throws ExecutionException, InterruptedException {
        create(TopicLayout.newTopics(topics, (short) 1).stream().filter(topic -> !topic.name().equals(topics.input())).toList());
    }

    /** An input topic as the layout has it (6 partitions). */
    void createInputTopic(final String name) throws ExecutionException, InterruptedException {
        create(List.of(new NewTopic(name, TopicLayout.INPUT_PARTITIONS, (short) 1)));
    }

    private void create(final List<NewTopic> topics) throws ExecutionException, InterruptedException {
        admin.createTopics(topics).all().get();
        final List<String> names = topics.stream().map(NewTopic::name).toList();
        DevSession.awaitVisible(admin, names);
        // Until every partition's leader serves, a producer's first batch can fail and its retry then
        // loses to later batches (OutOfOrderSequenceException until the delivery timeout).
        for (final String name : names) {
            endOffsets(name);
        }
    }

    /** Deletes the topics and every topic whose name starts with one of the prefixes. */
    void deleteTopics(final Collection<String> names, final Collection<String> prefixes) throws Exception {
        final List<String> doomed = admin.listTopics().names().get().stream()
                .filter(name -> names.contains(name) || prefixes.stream().anyMatch(name::startsWith))
                .toList();
        admin.deleteTopics(doomed).all().get();
    }

    /** Sum of the latest offsets of a topic's partitions (the record count, when nothing is transactional). */
    long endOffsetSum(final String topic) throws ExecutionException, InterruptedException {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    Map<TopicPartition, Long> endOffsets(final String topic) throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetSpec> request = partitions(topic).stream()
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all().get();
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** Sum of a group's committed offsets on a topic. */
    long committedSum(final String group, final String topic) throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return committed.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    Admin admin() {
        return admin;
    }

    private List<TopicPartition> partitions(final String topic) throws ExecutionException, InterruptedException {
        final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    @Override
    public void close() throws Exception {
        admin.close();
        broker.close();
    }
}
