package io.ticketsync.testing;

import io.ticketsync.codec.JsonSerde;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.model.SyncedTicket;
import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.testing.FaultWorkload.Outcome;
import io.ticketsync.testing.FaultWorkload.Workload;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "nothing lost, nothing duplicated" check, in the manner of Kafka's EOS system tests: once the
 * group is idle and no transaction is open, read everything committed and account for every input
 * record exactly once against the workload's model.
 */
public final class AccountingOracle {

    private final String bootstrapServers;
    private final TicketSyncConfig config;

    public AccountingOracle(final String bootstrapServers, final TicketSyncConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    /** Waits until the group has committed the whole input and no transaction is open. */
    public void awaitIdle(final Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Await.until("group " + config.applicationId() + " idle (empty: nothing open or uncommitted)",
                    () -> notIdleBecause(admin), String::isEmpty, timeout, Duration.ofMillis(500));
        }
    }

    /**
     * Asserts the accounting. {@code sent} holds, per workload record, where it landed in the input
     * topic, to match dead letters by their source partition and offset.
     */
    public void verify(final Workload workload, final List<RecordMetadata> sent) throws InterruptedException {
        assertThat(sent).hasSameSizeAs(workload.records());
        final Map<String, Integer> indexBySource = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            indexBySource.put(sent.get(i).partition() + "@" + sent.get(i).offset(), i);
        }

        final List<ConsumerRecord<byte[], byte[]>> deadLetters = readAllCommitted(config.topics().deadLetter());
        final List<Integer> deadLettered = deadLetters.stream().map(record -> indexBySource.get(
                header(record, DeadLetterHeaders.PARTITION) + "@" + header(record, DeadLetterHeaders.OFFSET))).toList();
        assertThat(deadLettered).as("every dead letter comes from an input record").doesNotContainNull();
        assertThat(deadLettered).as("no record dead-lettered twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(deadLettered)).as("exactly the bad records are dead-lettered")
                .isEqualTo(indicesOf(workload, Outcome.DEAD_LETTER));

        final JsonSerde<SyncedTicket> serde = new JsonSerde<>(SyncedTicket.class);
        final Map<String, List<SyncedTicket>> outputs = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : readAllCommitted(config.topics().output())) {
            outputs.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), key -> new ArrayList<>())
                    .add(record.value() == null ? null : serde.decode(record.value()));
        }
        assertThat(outputs.values().stream().mapToLong(List::size).sum())
                .as("one output record per applied version").isEqualTo(workload.count(Outcome.APPLIED));
        assertThat(outputs.keySet()).isEqualTo(workload.expectedOutputs().keySet());
        workload.expectedOutputs().forEach((ticket, expected) -> assertThat(outputs.get(ticket))
                .as("output of %s, in order", ticket).isEqualTo(expected));
        assertThat(workload.records().size() - deadLetters.size() - workload.count(Outcome.APPLIED))
                .as("the rest is stale").isEqualTo(workload.count(Outcome.STALE));
    }

    private String notIdleBecause(final Admin admin) throws Exception {
        final Collection<TransactionListing> open = admin.listTransactions(new ListTransactionsOptions()
                .filterStates(Set.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
                        TransactionState.PREPARE_ABORT))).all().get();
        final Set<String> ours = open.stream().map(TransactionListing::transactionalId)
                .filter(id -> id.startsWith(config.applicationId())).collect(Collectors.toSet());
        if (!ours.isEmpty()) {
            return "open transactions " + ours;
        }
        final Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get();
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < TopicLayout.INPUT_PARTITIONS; partition++) {
            latest.put(new TopicPartition(config.topics().input(), partition), OffsetSpec.latest());
        }
        final var ends = admin.listOffsets(latest).all().get();
        for (final var end : ends.entrySet()) {
            final OffsetAndMetadata done = committed.get(end.getKey());
            if (end.getValue().offset() > 0 && (done == null || done.offset() < end.getValue().offset())) {
                return end.getKey() + " committed " + (done == null ? "nothing" : done.offset()) + " of "
                        + end.getValue().offset();
            }
        }
        return "";
    }

    private List<ConsumerRecord<byte[], byte[]>> readAllCommitted(final String topic) throws InterruptedException {
        return CommittedReads.readAll(bootstrapServers, topic);
    }

    private static Set<Integer> indicesOf(final Workload workload, final Outcome outcome) {
        final Set<Integer> indices = new HashSet<>();
        for (int i = 0; i < workload.outcomes().size(); i++) {
            if (workload.outcomes().get(i) == outcome) {
                indices.add(i);
            }
        }
        return indices;
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
