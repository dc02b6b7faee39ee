package io.ticketsync.bench;

import io.ticketsync.config.ConfigLoader;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DlqReplayer;
import io.ticketsync.deadletter.tools.ReplayReport;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.ScanProgress;
import io.ticketsync.deadletter.tools.SendProgress;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dlq replay --rate}: writes LETTERS dead letters (default rate × 30) to its own broker,
 * replays them at RATE letters a second through {@link DlqReplayer} (transactions of 500 letters
 * or 10 s, as the CLI), and reads back when the broker appended each one: the input topic is set to
 * {@code LogAppendTime}, so the figures are the broker's clock, not the replayer's own count.
 * Prints letters a second per 5 s window and overall, each with its deviation from the target.
 * {@code bench/run --replay-rate [RATE [LETTERS]]}.
 */
public final class ReplayRateBench {

    private static final long WINDOW_MS = 5_000;

    private ReplayRateBench() {
    }

    public static void main(final String[] args) throws Exception {
        final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        final int letters = args.length > 1 ? Integer.parseInt(args[1]) : rate * 30;
        final Path dir = Path.of("target", "bench", "replay-rate-" + System.currentTimeMillis());
        try (BenchCluster cluster = BenchCluster.start(dir.resolve("broker"), 19392, 19393)) {
            final Map<String, String> settings = new HashMap<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                    "application.id", "replay-rate-bench", "input.topic", "replay-rate-bench.changes",
                    "output.topic", "replay-rate-bench.synced", "dlq.topic", "replay-rate-bench.dlq",
                    "state.dir", dir.resolve("state").toString()));
            final TicketSyncConfig config = ConfigLoader.load(Optional.empty(), Map.of(), settings);
            cluster.createTopics(config.topics());
            final ConfigResource input = new ConfigResource(ConfigResource.Type.TOPIC, config.topics().input());
            cluster.admin().incrementalAlterConfigs(Map.of(input, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"), AlterConfigOp.OpType.SET))))
                    .all().get();
            writeLetters(config, letters);

            final long started = System.nanoTime();
            final List<String> progress = new ArrayList<>();
            final ReplayReport report = new DlqReplayer(config, AuditLog.logger()).replay(
                    ReplayRequest.of(DeadLetterFilter.ALL, config.topics().input(), 3, false, 500, Actor.asserted("bench"))
                            .with(null, rate), Actor.asserted("bench"), new ScanProgress() {
                        @Override
                        public void report(final long read, final long total) {
                        }

                        @Override
                        public void sending(final SendProgress now) {
                            progress.add(String.format("%.1f s: %s", (System.nanoTime() - started) / 1e9, now.describe()));
                        }
                    });
            final double seconds = (System.nanoTime() - started) / 1e9;
            final List<Long> appended = appendTimes(config, letters);
            print(rate, letters, report.sent(), seconds, appended);
            System.out.println("\nThe replayer's own progress (about once a second; rate over its last 5 s):");
            progress.forEach(line -> System.out.println("    " + line));
        }
    }

    private static void print(final int rate, final int letters, final long sent, final double seconds, final List<Long> appended) {
        System.out.printf("%n| replay at --rate %d/s, %,d letters | letters | letters/s | deviation from %d/s |%n|---|--:|--:|--:|%n",
                rate, letters, rate);
        final long first = appended.get(0);
        final long last = appended.get(appended.size() - 1);
        for (long from = first; from <= last; from += WINDOW_MS) {
            final long start = from;
            final long count = appended.stream().filter(at -> at >= start && at < start + WINDOW_MS).count();
            final double window = Math.min(WINDOW_MS, last + 1 - start) / 1000.0;
            final double perSecond = count / window;
            System.out.printf("| %.0f–%.1f s | %,d | %.1f | %+.1f%% |%n", (start - first) / 1000.0, (start - first) / 1000.0 + window,
                    count, perSecond, (perSecond / rate - 1) * 100);
        }
        // The first letter goes at once: n letters take (n - 1) intervals.
        final double overall = (appended.size() - 1) / ((last - first) / 1000.0);
        System.out.printf("| overall, first to last append (%.1f s) | %,d | %.1f | %+.1f%% |%n", (last - first) / 1000.0,
                appended.size(), overall, (overall / rate - 1) * 100);
        System.out.printf("%nsent %,d in %.1f s (the replay's own wall clock, with its start, commits and lease)%n", sent, seconds);
    }

    /** The broker's append time of every replayed record, in order. */
    private static List<Long> appendTimes(final TicketSyncConfig config, final int letters) {
        final List<Long> times = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(config.topics().input()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (times.size() < letters && System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    times.add(record.timestamp());
                }
            }
        }
        times.sort(Long::compare);
        return times;
    }

    private static void writeLetters(final TicketSyncConfig config, final int letters) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < letters; i++) {
                final String ticket = "T-" + i;
                final RecordHeaders headers = new RecordHeaders();
                headers.add(DeadLetterHeaders.STAGE, utf8("PROCESSING"));
                headers.add(DeadLetterHeaders.REASON, utf8("unmapped-status"));
                headers.add(DeadLetterHeaders.TOPIC, utf8(config.topics().input()));
                headers.add(DeadLetterHeaders.PARTITION, utf8(String.valueOf(i % 6)));
                headers.add(DeadLetterHeaders.OFFSET, utf8(String.valueOf(i / 6)));
                producer.send(new ProducerRecord<>(config.topics().deadLetter(), null, System.currentTimeMillis(), utf8(ticket),
                        utf8("{\"ticketId\":\"" + ticket + "\",\"version\":1,\"op\":\"UPSERT\",\"fields\":{\"title\":\"t\","
                                + "\"status\":\"escalated\"}}"), headers));
            }
            producer.flush();
        }
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
