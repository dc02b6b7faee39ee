package io.ticketsync.dev;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.metrics.SyncSummary;
import io.ticketsync.runtime.TicketSyncApp;
import io.ticketsync.cluster.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One {@code dev} run: a data directory (temporary unless given), the local broker, the topics,
 * the app, the samples and a live summary. Closing stops the broker and removes a temporary
 * directory.
 */
public final class DevSession implements AutoCloseable {

    private final Path dataDir;
    private final boolean temporary;
    private final DevBroker broker;
    private final PrintWriter out;

    private DevSession(final Path dataDir, final boolean temporary, final DevBroker broker, final PrintWriter out) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.broker = broker;
        this.out = out;
    }

    public static DevSession start(final Path dataDir, final int brokerPort, final int controllerPort,
                                   final PrintWriter out) throws IOException, InterruptedException {
        requireFreePort(brokerPort, "--broker-port");
        requireFreePort(controllerPort, "--controller-port");
        final boolean temporary = dataDir == null;
        final Path dir = temporary ? Files.createTempDirectory("ticket-sync-dev") : dataDir;
        out.println("Starting a Kafka broker on 127.0.0.1:" + brokerPort + " (data in " + dir + ") ...");
        out.flush();
        final DevBroker broker = DevBroker.start(dir.resolve("broker"), brokerPort, controllerPort, Duration.ofSeconds(90));
        final DevSession session = new DevSession(dir, temporary, broker, out);
        session.say("Kafka broker ready at " + broker.bootstrapServers() + " (log: " + broker.log() + ")");
        return session;
    }

    public DevBroker broker() {
        return broker;
    }

    public Path dataDir() {
        return dataDir;
    }

    public void say(final String line) {
        out.println(line);
        out.flush();
    }

    /**
     * Creates the topics, runs the app, produces the samples and prints a summary whenever it
     * changes, until the app ends; returns the app's exit code.
     *
     * @param onStop receives the action that stops the app gracefully (wire it to signals)
     */
    public int runApp(final TicketSyncConfig config, final List<ProducerRecord<byte[], byte[]>> samples,
                      final Consumer<Runnable> onStop, final Duration summaryInterval) throws Exception {
        createTopics(config);
        final TicketSyncApp app = TicketSyncApp.of(config);
        onStop.accept(() -> app.requestStop("stop signal received"));
        final CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return app.run();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        app.awaitServing(Duration.ofSeconds(60)).ifPresent(port -> say("ticket-sync is running. Try:\n"
                + "  curl http://127.0.0.1:" + port + "/health/ready\n"
                + "  curl http://127.0.0.1:" + port + "/tickets/T-1001\n"
                + "  curl http://127.0.0.1:" + port + "/metrics\n"
                + "Ctrl-C stops ticket-sync and the broker."));
        try (DeadLetterConsole console = startConsole(config)) {
            return summariseUntilExit(app, exit, samples, config, summaryInterval);
        }
    }

    /** The dead-letter console when a password is configured (dev generates one), else none. */
    private DeadLetterConsole startConsole(final TicketSyncConfig config) {
        if (config.console().password().isEmpty()) {
            return null;
        }
        final DeadLetterConsole console = DeadLetterConsole.start(config);
        say("Dead-letter console: http://127.0.0.1:" + console.port() + "/  user '" + config.console().user()
                + "', password '" + config.console().password().get() + "' (generated for this run only)");
        return console;
    }

    private int summariseUntilExit(final TicketSyncApp app, final CompletableFuture<Integer> exit,
                                   final List<ProducerRecord<byte[], byte[]>> samples, final TicketSyncConfig config,
                                   final Duration summaryInterval) throws Exception {
        final int produced = produce(config.topics().input(), samples);
        if (produced == samples.size()) {
            say("Produced " + produced + " sample records to " + config.topics().input());
        }
        SyncSummary last = null;
        while (!exit.isDone()) {
            final SyncSummary now = app.metrics().summary();
            if (!now.equals(last)) {
                say("[summary] " + now + " | accounted " + now.accounted() + "/" + produced + " sample records");
                last = now;
            }
            try {
                exit.get(summaryInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final TimeoutException stillRunning) {
                // keep summarising
            }
        }
        return exit.get();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        say("Stopping the Kafka broker ...");
        broker.close();
        if (temporary) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        say("Stopped.");
    }

    private void createTopics(final TicketSyncConfig config) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            final List<NewTopic> topics = TopicLayout.newTopics(config.topics(), (short) 1);
            for (final NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    say("Created topic " + topic.name() + " (" + topic.numPartitions() + " partitions)");
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
            awaitVisible(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    /** A created topic reaches the broker's metadata a moment later; the app's startup check must see it. */
    public static void awaitVisible(final Admin admin, final List<String> names) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                admin.describeTopics(names).allTopicNames().get();
                return;
            } catch (final ExecutionException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("topics " + names + " not visible 30 s after creating them");
    }

    /** Sends the samples; says which failed and why. Returns how many the broker acknowledged. */
    private int produce(final String topic, final List<ProducerRecord<byte[], byte[]>> records) throws InterruptedException {
        final SampleProducer.Result result = SampleProducer.produce(broker.bootstrapServers(), topic, records);
        result.firstFailure().ifPresent(first -> say("FAILED to produce " + result.failed() + " of " + records.size()
                + " sample records to " + topic + " (first error: " + first + "); " + result.acknowledged() + " were written"));
        return result.acknowledged();
    }

    private static void requireFreePort(final int port, final String option) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (final IOException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is in use; choose another with " + option, e);
        }
    }
}
