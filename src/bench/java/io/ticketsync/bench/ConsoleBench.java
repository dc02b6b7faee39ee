package io.ticketsync.bench;

import io.ticketsync.config.ConfigLoader;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter console on a large DLQ: writes LETTERS (default 100,000) dead letters of mixed
 * stages and reasons, with small values and headers, to its own broker, starts the console in this
 * JVM (bench/run gives it -Xmx256m), and measures how long the index takes to catch up, the heap in
 * use after catch-up (after a GC: the whole JVM, and the growth since before the console started),
 * and the HTTP latency of every page kind: median, p99 (nearest rank) and max of {@value #REQUESTS}
 * requests each, after {@value #WARM_UP} warm-up requests. {@code bench/run --console [LETTERS]}.
 */
public final class ConsoleBench {

    private static final String[][] KINDS = {
            {"DESERIALIZATION", "invalid-json"}, {"DESERIALIZATION", "invalid-utf8"}, {"PROCESSING", "unmapped-status"},
            {"PROCESSING", "unmapped-priority"}, {"PROCESSING", "key-mismatch"}, {"PROCESSING", "record-too-large"}};
    /** Enough that the p99 (rank 198 of 200) is not the maximum. */
    private static final int REQUESTS = 200;
    private static final int WARM_UP = 50;
    private static final String PASSWORD = "console-bench-password";
    /** Distinct record keys: each ticket has LETTERS / TICKETS letters. */
    private static final int TICKETS = 500_000;

    private ConsoleBench() {
    }

    public static void main(final String[] args) throws Exception {
        final int letters = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final Path dir = Path.of("target", "bench", "console-" + System.currentTimeMillis());
        try (BenchCluster cluster = BenchCluster.start(dir.resolve("broker"), 19192, 19193)) {
            final Map<String, String> settings = new HashMap<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                    "application.id", "console-bench", "input.topic", "console-bench.changes", "output.topic", "console-bench.synced",
                    "dlq.topic", "console-bench.dlq", "console.password", PASSWORD, "console.port", "0",
                    "state.dir", dir.resolve("state").toString()));
            final TicketSyncConfig config = ConfigLoader.load(Optional.empty(), Map.of(), settings);
            cluster.createTopics(config.topics());
            writeLetters(config, letters);
            System.gc();
            final long heapBefore = usedHeap();
            final long started = System.nanoTime();
            try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
                while (!(console.progress().caughtUp() && console.progress().indexed() == letters)) {
                    Thread.sleep(20);
                }
                final double catchUpSeconds = (System.nanoTime() - started) / 1e9;
                System.gc();
                final long heapAfter = usedHeap();
                final long heapBytes = heapAfter - heapBefore;
                final String base = "http://127.0.0.1:" + console.port();
                final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                final String cookie = logIn(http, base);
                final Instant middle = Instant.now().minus(Duration.ofHours(12));
                System.out.printf("%n| console, %,d dead letters, -Xmx%d MB | figure |%n|---|---|%n", letters,
                        Runtime.getRuntime().maxMemory() / (1024 * 1024));
                System.out.printf("| index catch-up (from start to every letter indexed) | %.2f s |%n", catchUpSeconds);
                System.out.printf("| heap in use after catch-up (after GC), whole JVM | %.1f MB |%n", heapAfter / 1e6);
                System.out.printf("| heap growth since before the console started (after GC) | %.1f MB (%d bytes a letter) |%n",
                        heapBytes / 1e6, heapBytes / letters);
                row("overview page (`/`)", time(http, base + "/", cookie));
                row("letters, no filter (first page)", time(http, base + "/letters", cookie));
                row("letters, a later page (cursor)", time(http, base + "/letters?cursor=" + letters / 2, cookie));
                row("first page filtered by stage and reason", time(http, base + "/letters?stage=PROCESSING&reason=unmapped-status", cookie));
                row("first page filtered by ticket (rare: " + letters / TICKETS + " letters)", time(http, base + "/letters?ticket=T-4242", cookie));
                row("first page filtered by source partition", time(http, base + "/letters?sourcePartition=3", cookie));
                row("first page filtered by time (a one-hour window)", time(http, base + "/letters?since="
                        + middle + "&until=" + middle.plus(Duration.ofHours(1)), cookie));
                row("first page filtered by time and source partition", time(http, base
                        + "/letters?sourcePartition=3&since=" + middle, cookie));
                row("a letter's detail (read from Kafka)", time(http, base + "/letters/0@" + letters / 3, cookie));
            }
        }
    }

    private static void writeLetters(final TicketSyncConfig config, final int letters) {
        final Instant start = Instant.now().minus(Duration.ofHours(24));
        final long began = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 50,
                // Batches under half a G1 region (1 MB at -Xmx256m): larger ones are humongous and fragment the small heap.
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.BUFFER_MEMORY_CONFIG, 32L * 1024 * 1024), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < letters; i++) {
                final String[] kind = KINDS[i % KINDS.length];
                final String ticket = "T-" + (i % TICKETS);
                final RecordHeaders headers = new RecordHeaders();
                headers.add(DeadLetterHeaders.STAGE, utf8(kind[0]));
                headers.add(DeadLetterHeaders.REASON, utf8(kind[1]));
                headers.add(DeadLetterHeaders.TOPIC, utf8(config.topics().input()));
                headers.add(DeadLetterHeaders.PARTITION, utf8(String.valueOf(i % 6)));
                headers.add(DeadLetterHeaders.OFFSET, utf8(String.valueOf(i / 6)));
                headers.add(DeadLetterHeaders.EXCEPTION, utf8("io.ticketsync.failure.BadRecordException"));
                headers.add(DeadLetterHeaders.MESSAGE, utf8("status value 'escalated' has no mapping (mapping.status.*)"));
                headers.add(DeadLetterHeaders.STACKTRACE, utf8("io.ticketsync.failure.BadRecordException: ...\n\tat ..."));
                final long at = start.toEpochMilli() + (long) i * Duration.ofHours(24).toMillis() / letters;
                producer.send(new ProducerRecord<>(config.topics().deadLetter(), null, at, utf8(ticket),
                        utf8("{\"ticketId\":\"" + ticket + "\",\"version\":" + i + "}"), headers));
            }
            producer.flush();
        }
        System.out.printf("wrote %,d letters in %.1f s%n", letters, (System.nanoTime() - began) / 1e9);
    }

    private static String logIn(final HttpClient http, final String base) throws Exception {
        final HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=admin&password=" + PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        return login.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException("login failed: " + login.statusCode()))
                .split(";")[0];
    }

    /** Milliseconds per request, after {@value #WARM_UP} warm-up requests. */
    private static Percentiles time(final HttpClient http, final String url, final String cookie) throws Exception {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build();
        final List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARM_UP + REQUESTS; i++) {
            final long started = System.nanoTime();
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            if (i >= WARM_UP) {
                millis.add((System.nanoTime() - started) / 1e6);
            }
        }
        return Percentiles.of(millis);
    }

    private static void row(final String what, final Percentiles millis) {
        System.out.printf("| %s: median / p99 (nearest rank) / max of %d requests | %.1f / %.1f / %.1f ms |%n", what,
                millis.count(), millis.median(), millis.p99(), millis.max());
    }

    private static long usedHeap() {
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
