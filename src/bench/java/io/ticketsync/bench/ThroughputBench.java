package io.ticketsync.bench;

import io.ticketsync.config.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * The throughput rows: raw producer (P) and consumer (C), then each application draining the same
 * pre-filled input. An application run is timed from its first fetched record until every outcome
 * is visible downstream: for at_least_once, when output plus dead letters hold one record per
 * input; for exactly_once_v2, when the committed offsets cover the whole input (output and
 * offsets commit together). JVM start and the first rebalance are not timed.
 */
final class ThroughputBench {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final BenchCluster cluster;
    private final int records;
    private final int runs;
    private final Path workDir;
    private final PrintStream progress;

    ThroughputBench(final BenchCluster cluster, final int records, final int runs, final Path workDir,
                    final PrintStream progress) {
        this.cluster = cluster;
        this.records = records;
        this.runs = runs;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** P: produces the clean corpus {@code runs} times; the first run's topic becomes the clean input. */
    ThroughputRow producer(final String inputTopic) throws Exception {
        final TicketCorpus.Change[] corpus = TicketCorpus.generate(records, 0, 1);
        final IntSummary sizes = IntSummary.of(Arrays.stream(corpus).mapToInt(change -> change.value().length));
        progress.printf("corpus: %,d records, value bytes min %d / median %d / max %d%n",
                records, sizes.min(), sizes.median(), sizes.max());
        final List<Measurement> measurements = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            final String topic = run == 1 ? inputTopic : "bench.scratch.p" + run;
            cluster.createInputTopic(topic);
            final long started = System.nanoTime();
            produce(topic, corpus);
            measurements.add(timed(records, started));
            report("P", run, measurements);
            if (run > 1) {
                cluster.deleteTopics(List.of(topic), List.of());
            }
        }
        return new ThroughputRow("P", "raw KafkaProducer, client defaults (acks=all, idempotent)", measurements);
    }

    /** Fills an input topic, untimed; returns what it holds. */
    BenchInput fill(final String topic, final double badFraction, final long seed) throws Exception {
        final TicketCorpus.Change[] corpus = TicketCorpus.generate(records, badFraction, seed);
        cluster.createInputTopic(topic);
        produce(topic, corpus);
        return new BenchInput(topic, records, Arrays.stream(corpus).filter(TicketCorpus.Change::bad).count());
    }

    /** C: reads the whole input topic from the beginning. */
    ThroughputRow consumer(final BenchInput input) throws Exception {
        final List<Measurement> measurements = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            final long started = System.nanoTime();
            consume(input.topic(), input.records());
            measurements.add(timed(input.records(), started));
            report("C", run, measurements);
        }
        return new ThroughputRow("C", "raw KafkaConsumer, client defaults", measurements);
    }

    /** One application row to measure. */
    record AppRow(String id, String description, AppSpec spec) {
    }

    /**
     * Runs the rows interleaved (every row's first run, then every row's second, ...), so a slow
     * phase of the shared machine touches each row alike instead of one row's every run.
     */
    List<ThroughputRow> applications(final List<AppRow> rows) throws Exception {
        final Map<String, List<Measurement>> measurements = new LinkedHashMap<>();
        rows.forEach(row -> measurements.put(row.id(), new ArrayList<>()));
        for (int run = 1; run <= runs; run++) {
            for (final AppRow row : rows) {
                final List<Measurement> done = measurements.get(row.id());
                done.add(applicationRun(row.id(), row.spec(), run));
                report(row.id(), run, done);
            }
        }
        return rows.stream().map(row -> new ThroughputRow(row.id(), row.description(), measurements.get(row.id()))).toList();
    }

    private Measurement applicationRun(final String id, final AppSpec spec, final int run) throws Exception {
        final String appId = ChildApp.applicationId(id, run);
        final Topics topics = new Topics(spec.input().topic(), appId + ".synced", appId + ".dlq");
        cluster.createOutputTopics(topics);
        final Map<String, String> config = new HashMap<>(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(),
                "application.id", appId,
                "input.topic", topics.input(),
                "output.topic", topics.output(),
                "dlq.topic", topics.deadLetter(),
                "processing.guarantee", spec.guarantee(),
                "state.dir", workDir.resolve(appId).resolve("state").toString(),
                "http.bind.address", "127.0.0.1",
                "http.port", "0"));
        config.putAll(spec.settings());
        final Measurement measurement;
        try (ChildApp app = ChildApp.start(spec.kind(), appId, config, workDir.resolve(appId), spec.jvmOptions())) {
            final long deadline = System.currentTimeMillis() + RUN_TIMEOUT.toMillis();
            AppStats halfway = null;
            while (!allOutcomesVisible(spec, topics, appId)) {
                app.checkAlive();
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(appId + " did not finish within " + RUN_TIMEOUT);
                }
                if (halfway == null && app.hasStats() && app.stats().fetched() >= spec.input().records() / 2) {
                    halfway = app.stats();
                }
                Thread.sleep(50);
            }
            final long doneAt = System.currentTimeMillis();
            final AppStats stats = app.stats();
            if (stats.firstFetchAt() == 0 || halfway == null) {
                throw new IllegalStateException(appId + " finished without reporting its first fetch or its halfway point");
            }
            // CPU per record is taken over the second half, leaving out the first seconds, in
            // which the JIT compilers use as much CPU as the application itself. The optimising
            // compiler is not done by then in a run of a few seconds (the -c1 rows show its
            // share): a long-running instance's cost per record is nearer a 1,000,000-record run's.
            measurement = new Measurement(spec.input().records(), (doneAt - stats.firstFetchAt()) / 1000.0,
                    spec.input().records() - halfway.fetched(), (stats.cpuNanos() - halfway.cpuNanos()) / 1e9,
                    stats.peakHeapBytes());
            checkOutcomes(spec, topics);
        }
        cluster.deleteTopics(List.of(topics.output(), topics.deadLetter()), List.of(appId));
        return measurement;
    }

    private boolean allOutcomesVisible(final AppSpec spec, final Topics topics, final String group) throws Exception {
        if (spec.exactlyOnce()) {
            return cluster.committedSum(group, topics.input()) >= spec.input().records();
        }
        return cluster.endOffsetSum(topics.output()) + cluster.endOffsetSum(topics.deadLetter()) >= spec.input().records();
    }

    /**
     * A fast run that dead-lettered good records would still finish; make sure each record went
     * where it belongs. Under at_least_once the offsets are exact counts; under exactly_once_v2
     * they include transaction markers, so there it is checked that a clean input wrote no dead letter.
     */
    private void checkOutcomes(final AppSpec spec, final Topics topics) throws Exception {
        final long deadLetters = cluster.endOffsetSum(topics.deadLetter());
        final boolean expected = spec.exactlyOnce()
                ? spec.input().bad() > 0 || deadLetters == 0
                : deadLetters == spec.input().bad() && cluster.endOffsetSum(topics.output()) == spec.input().good();
        if (!expected) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s: unexpected outcomes: %d dead-letter offsets, %d output offsets, for %d good and %d bad records",
                    topics.output(), deadLetters, cluster.endOffsetSum(topics.output()), spec.input().good(), spec.input().bad()));
        }
    }

    private void produce(final String topic, final TicketCorpus.Change[] corpus) throws Exception {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (final TicketCorpus.Change change : corpus) {
                producer.send(new ProducerRecord<>(topic, change.key(), change.value()), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed", failure.get());
        }
    }

    private void consume(final String topic, final long expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            final long deadline = System.currentTimeMillis() + RUN_TIMEOUT.toMillis();
            while (seen < expected) {
                seen += consumer.poll(Duration.ofMillis(500)).count();
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("read only " + seen + " of " + expected + " records from " + topic);
                }
            }
        }
    }

    private static Measurement timed(final long records, final long startedNanos) {
        return new Measurement(records, (System.nanoTime() - startedNanos) / 1e9, 0, 0, 0);
    }

    private void report(final String id, final int run, final List<Measurement> measurements) {
        final Measurement last = measurements.get(measurements.size() - 1);
        progress.printf(Locale.ROOT, "  %-10s run %d/%d: %,10.0f records/s (%.1f s)%s%n", id, run, runs,
                last.recordsPerSecond(), last.seconds(), last.cpuSeconds() > 0
                        ? String.format(Locale.ROOT, ", %,.0f records per CPU-second", last.recordsPerCoreSecond()) : "");
    }

    /** Minimum, median and maximum of some sizes. */
    record IntSummary(int min, int median, int max) {
        static IntSummary of(final IntStream values) {
            final int[] sorted = values.sorted().toArray();
            return new IntSummary(sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
        }
    }
}
