package io.ticketsync.it;

import io.ticketsync.cli.Main;
import io.ticketsync.cluster.TopicLayout;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.CatalogProgress;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.deadletter.routing.DeadLetterHeaders;
import io.ticketsync.deadletter.tools.DeadLetterTopicId;
import io.ticketsync.deadletter.tools.LetterFingerprint;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.Resolution;
import io.ticketsync.deadletter.tools.ResolutionCodec;
import io.ticketsync.dev.DevBroker;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.Ports;
import io.ticketsync.testing.TestConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's index against a real broker in its own JVM: frozen (SIGSTOP) for longer than the
 * console's client timeouts, the dead-letter topic recreated, partitions added, records deleted.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ConsoleIndexIT {

    private static final String PASSWORD = "console-index-it-password";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Each letter's timestamp, by topic/partition/source offset, for its fingerprint. */
    private static final Map<String, Long> TIMESTAMPS = new ConcurrentHashMap<>();

    @TempDir
    static Path work;
    private static DevBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = DevBroker.start(work.resolve("broker"), Ports.free(), Ports.free(), Duration.ofSeconds(90));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldReportStaleWhileTheBrokerIsFrozenAndRecoverWithTheLettersWrittenMeanwhile() throws Exception {
        final TicketSyncConfig config = config("frozen");
        write(config, 0, 5);
        try (DeadLetterConsole console = DeadLetterConsole.start(config);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            final Console http = new Console(console.port());
            awaitUntil(() -> caughtUpWith(console, 5), "the index catches up");
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
            // Signed in before the freeze: a sign-in is recorded in the audit topic first, which a frozen broker cannot take.
            assertThat(http.page("/")).doesNotContain("Index stale since");
            // With the topic's metadata known, sends during the freeze wait in the producer's buffer instead of blocking.
            producer.partitionsFor(config.topics().deadLetter());
            final long pid = brokerPid();
            signal("STOP", pid);
            try {
                for (int i = 5; i < 8; i++) {
                    producer.send(letter(config, 0, i));
                }
                awaitUntil(() -> http.get("/health/ready").statusCode() == 503, "ready fails while the broker is frozen");
                assertThat(http.page("/")).contains("Index stale since");
                assertThat(http.get("/metrics").body()).containsPattern("ticketsync_console_index_stale_seconds [1-9]");
                assertThat(http.get("/health/live").statusCode()).as("console.index.stale.exit.ms=0: never").isEqualTo(200);
            } finally {
                signal("CONT", pid);
            }
            Await.until("the index recovers by itself", console::progress,
                    progress -> progress.caughtUp() && progress.indexed() == 8 && !progress.stale(), WAIT);
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(http.page("/")).doesNotContain("Index stale since");
            assertThat(http.page("/letters")).contains("0@7");
        }
    }

    @Test
    void shouldExitWithItsOwnCodeOnceStaleForTheExitTime() throws Exception {
        final TicketSyncConfig config = config("exit");
        write(config, 0, 2);
        final StringWriter out = new StringWriter();
        final ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            final Future<Integer> exit = runner.submit(() -> Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                    "console", "--set", "bootstrap.servers=" + broker.bootstrapServers(), "--set", "application.id=console-index-exit",
                    "--set", "input.topic=" + config.topics().input(), "--set", "output.topic=" + config.topics().output(),
                    "--set", "dlq.topic=" + config.topics().deadLetter(), "--set", "console.password=" + PASSWORD,
                    "--set", "console.port=0", "--set", "default.api.timeout.ms=4000", "--set", "request.timeout.ms=3000",
                    "--set", "console.index.stale.exit.ms=3000"));
            final String served = Await.until("the console serves", out::toString, text -> text.contains("Dead-letter console at"), WAIT);
            final Matcher port = Pattern.compile("http://[^:]+:(\\d+)/").matcher(served);
            assertThat(port.find()).isTrue();
            final Console http = new Console(Integer.parseInt(port.group(1)));
            awaitUntil(() -> http.get("/health/ready").statusCode() == 200, "the index catches up");
            final long pid = brokerPid();
            signal("STOP", pid);
            try {
                assertThat(exit.get(90, TimeUnit.SECONDS)).isEqualTo(ExitCodes.CONSOLE_INDEX_STALE);
            } finally {
                signal("CONT", pid);
            }
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void shouldIndexARecreatedTopicAfreshWithoutTheOldDecisions() throws Exception {
        final TicketSyncConfig config = config("recreated");
        write(config, 0, 3);
        try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
            final Console http = new Console(console.port());
            awaitUntil(() -> caughtUpWith(console, 3), "the index catches up");
            decide(config, DeadLetterTopicId.read(config), new LetterId(0, 0), 0);
            awaitUntil(() -> http.page("/").contains("id=\"open\">2<"), "the decision applies to the old letter");
            admin.deleteTopics(List.of(config.topics().deadLetter())).all().get();
            awaitUntil(() -> !admin.listTopics().names().get().contains(config.topics().deadLetter()), "the topic is gone");
            // Deletion finishes in the background: the name is free only once it has.
            Await.succeeds("the topic is created again", () -> admin.createTopics(TopicLayout.newTopics(config.topics(), (short) 1)
                    .stream().filter(topic -> topic.name().equals(config.topics().deadLetter())).toList()).all().get(),
                    WAIT, Duration.ofMillis(500));
            write(config, 0, 2);
            awaitUntil(() -> caughtUpWith(console, 2) && !console.progress().stale(), "the new topic is indexed");
            final String overview = http.page("/");
            assertThat(overview).as("the letter now at 0@0 is another one: open").contains("id=\"open\">2<");
            assertThat(overview).contains("1 decisions for another dead-letter topic");
        }
    }

    @Test
    void shouldIndexPartitionsAddedWhileRunning() throws Exception {
        final TicketSyncConfig config = config("partitions");
        write(config, 0, 2);
        try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
            awaitUntil(() -> caughtUpWith(console, 2), "the index catches up");
            admin.createPartitions(Map.of(config.topics().deadLetter(), NewPartitions.increaseTo(2))).all().get();
            write(config, 1, 3);
            Await.until("the new partition's letters are indexed", console::progress,
                    progress -> progress.caughtUp() && progress.indexed() == 5, WAIT);
            assertThat(new Console(console.port()).page("/letters")).contains("1@2");
        }
    }

    @Test
    void shouldDropLettersDeletedByRetention() throws Exception {
        final TicketSyncConfig config = config("retention");
        write(config, 0, 10);
        try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
            awaitUntil(() -> caughtUpWith(console, 10), "the index catches up");
            admin.deleteRecords(Map.of(new TopicPartition(config.topics().deadLetter(), 0), RecordsToDelete.beforeOffset(6)))
                    .all().get();
            awaitUntil(() -> console.progress().indexed() == 4, "the deleted letters leave the index");
            final String letters = new Console(console.port()).page("/letters");
            assertThat(letters).contains("0@6").doesNotContain("0@5");
        }
    }

    private static TicketSyncConfig config(final String name) throws Exception {
        final Map<String, String> overrides = new HashMap<>(Map.of("console.password", PASSWORD, "console.port", "0",
                // Small client timeouts: a frozen broker shows as a failed read within seconds.
                "default.api.timeout.ms", "4000", "request.timeout.ms", "3000",
                "console.index.stale.ready.ms", "2000", "console.index.stale.exit.ms", "0"));
        final TicketSyncConfig config = TestConfigs.forBroker(broker.bootstrapServers(), "console-index-" + name,
                work.resolve("state-" + name), overrides);
        admin.createTopics(TopicLayout.newTopics(config.topics(), (short) 1)).all().get();
        return config;
    }

    private static boolean caughtUpWith(final DeadLetterConsole console, final long letters) {
        final CatalogProgress progress = console.progress();
        return progress.caughtUp() && progress.indexed() == letters;
    }

    private static void write(final TicketSyncConfig config, final int partition, final int letters) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < letters; i++) {
                producer.send(letter(config, partition, i)).get();
            }
        }
    }

    private static void decide(final TicketSyncConfig config, final String topicId, final LetterId letter, final int sourceOffset)
            throws Exception {
        final Resolution resolution = new Resolution(letter, LetterStatus.DISCARDED, "it", Instant.now(), "ids", "old");
        // The fingerprint of the letter written by letter(config, 0, sourceOffset): the timestamp is read back.
        final long timestamp = timestampOf(config, letter);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(ResolutionCodec.record(config.topics().resolutions(), topicId,
                    LetterFingerprint.of(config.topics().input(), 0, sourceOffset, timestamp), resolution)).get();
        }
    }

    private static long timestampOf(final TicketSyncConfig config, final LetterId letter) {
        return TIMESTAMPS.get(config.topics().deadLetter() + "/" + letter.partition() + "/" + letter.offset());
    }

    private static ProducerRecord<byte[], byte[]> letter(final TicketSyncConfig config, final int partition, final int sourceOffset) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.STAGE, utf8("PROCESSING"));
        headers.add(DeadLetterHeaders.REASON, utf8("unmapped-status"));
        headers.add(DeadLetterHeaders.TOPIC, utf8(config.topics().input()));
        headers.add(DeadLetterHeaders.PARTITION, utf8("0"));
        headers.add(DeadLetterHeaders.OFFSET, utf8(String.valueOf(sourceOffset)));
        // Now: a letter older than the topic's retention.ms would be deleted by the broker under the test.
        final long timestamp = System.currentTimeMillis();
        TIMESTAMPS.put(config.topics().deadLetter() + "/" + partition + "/" + sourceOffset, timestamp);
        return new ProducerRecord<>(config.topics().deadLetter(), partition, timestamp, utf8("T-" + sourceOffset), utf8("{}"), headers);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 90_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The broker's JVM: a descendant of this one running kafka.Kafka. */
    private static long brokerPid() {
        return ProcessHandle.current().descendants().filter(process -> commandLine(process.pid()).contains("kafka.Kafka"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no broker JVM among this JVM's children")).pid();
    }

    private static String commandLine(final long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"), StandardCharsets.UTF_8);
        } catch (final IOException gone) {
            return "";
        }
    }

    private static void signal(final String signal, final long pid) throws IOException, InterruptedException {
        final Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static void awaitUntil(final Await.Probe<Boolean, Exception> check, final String what) throws Exception {
        Await.until(what, check, Boolean::booleanValue, WAIT);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The console over HTTP, logged in. */
    private static final class Console {
        private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;
        private String cookie;

        Console(final int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        HttpResponse<String> get(final String path) throws IOException, InterruptedException {
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        String page(final String path) throws IOException, InterruptedException {
            if (cookie == null) {
                final HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("user=admin&password=" + PASSWORD)).build(),
                        HttpResponse.BodyHandlers.ofString());
                cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            }
            final HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            return page.body();
        }
    }
}
