package io.ticketsync.testing;

import io.ticketsync.config.Topics;
import io.ticketsync.cluster.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * A real single-node KRaft broker in this JVM (Kafka's own test kit), with the helpers integration
 * tests need: topics, a producer of raw records, and read_committed reads that wait.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(final KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaBroker start() throws Exception {
        final KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                // A single broker: internal topics cannot have more than one replica.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    /** Creates the topics as docs/contract.md lays them out (input 6 partitions, output compacted, dead letters, resolutions). */
    public void createTopics(final Topics topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(TopicLayout.newTopics(topics, (short) 1)).all().get();
        }
    }

    /** Sends records in order and waits until every one is acknowledged; fails if any was not. */
    public void produce(final String topic, final List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(TestProducers.inOrder(bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            final List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (final ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.partition(), record.timestamp(), record.key(),
                        record.value(), record.headers())));
            }
            producer.flush();
            for (final Future<RecordMetadata> result : sent) {
                result.get();
            }
        }
    }

    /**
     * Reads a topic from the beginning with read_committed until {@code done} holds for what was
     * read, or fails after {@code timeout}.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommittedUntil(final String topic,
                                                                 final Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                                 final Duration timeout) throws InterruptedException {
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = readCommittedFromStart(topic)) {
            Await.until("reading " + topic + " until done (records read)", () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size();
            }, count -> done.test(records), timeout, Duration.ZERO);
        }
        return records;
    }

    /** Reads everything committed in a topic right now (up to the last stable offsets). */
    public List<ConsumerRecord<byte[], byte[]>> readAllCommitted(final String topic) throws InterruptedException {
        return CommittedReads.readAll(bootstrapServers(), topic);
    }

    /** A read_committed consumer assigned to every partition of {@code topic}, at the beginning. */
    public KafkaConsumer<byte[], byte[]> readCommittedFromStart(final String topic) {
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    public Set<String> topicNames() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
