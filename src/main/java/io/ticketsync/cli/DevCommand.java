package io.ticketsync.cli;

import io.ticketsync.config.ConfigKeys;
import io.ticketsync.config.Defaults;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.dev.DevBroker;
import io.ticketsync.dev.DevSession;
import io.ticketsync.dev.SampleTickets;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.ticketsync.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ticket-sync dev}: a real single-node Kafka broker on 127.0.0.1, the three topics, the
 * bundled sample tickets (good, bad and stale), ticket-sync itself and its HTTP API, with a live
 * summary, until Ctrl-C.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Start a local Kafka broker, create the topics, load sample tickets and run ticket-sync with its HTTP API"
                + " until Ctrl-C.",
                "It needs only Java: the broker comes from the dev jar, target/ticket-sync-dev.jar; the production jar,"
                        + " target/ticket-sync.jar, carries none."})
final class DevCommand implements Callable<Integer> {

    /** What the production jar, which carries no broker, answers to {@code dev}; the README's command. */
    static final String NEEDS_DEV_JAR = "ticket-sync: dev needs a Kafka broker, and this production jar carries none."
            + " Run the dev jar instead:%n  mvn -B -ntp package -DskipTests && java -jar target/ticket-sync-dev.jar dev%n";

    @Mixin
    private ConfigOptions config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Broker and state data (default: a temporary directory, deleted on exit).")
    private Path dataDir;

    @Option(names = "--broker-port", defaultValue = "9092", description = "Broker port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int brokerPort;

    @Option(names = "--controller-port", defaultValue = "9093",
            description = "KRaft controller port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int controllerPort;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP API port (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--samples", paramLabel = "FILE",
            description = "Sample records in JSON Lines (default: the bundled config/sample-tickets.jsonl).")
    private Path samples;

    @Option(names = "--no-samples", description = "Do not produce sample tickets.")
    private boolean noSamples;

    @Option(names = "--console-port", defaultValue = "8081", description = "Dead-letter console port (default: ${DEFAULT-VALUE}).")
    private int consolePort;

    @Option(names = "--broker-only", description = "Only run the broker (for other tools), until Ctrl-C.")
    private boolean brokerOnly;

    @Spec
    private CommandSpec spec;

    /**
     * dev runs against its own broker and ports whatever the environment says (a shell with
     * TICKET_SYNC_BOOTSTRAP_SERVERS exported must not send samples to a real cluster), so its values
     * win over the config file and the variables; only --set wins over them. Say so, key by key.
     */
    private void sayWhatDevOverrides(final DevSession session, final Set<String> devKeys) {
        for (final String key : devKeys) {
            config.setBelowCommandLine(key).ifPresent(ignored -> session.say("dev sets " + key + " itself; ignoring "
                    + ignored + " (only --set " + key + "=... wins over dev)"));
        }
    }

    /** Judged before the broker starts, which takes seconds and binds ports: exit 2, naming the option. */
    private void validateArguments() {
        final Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--broker-port", brokerPort);
        ports.put("--controller-port", controllerPort);
        ports.put("--http-port", httpPort);
        ports.put("--console-port", consolePort);
        ports.forEach((option, port) -> {
            if (port < 1 || port > 65_535) {
                throw new ParameterException(spec.commandLine(), option + " must be a port from 1 to 65535, got " + port);
            }
        });
        if (new HashSet<>(ports.values()).size() < ports.size()) {
            throw new ParameterException(spec.commandLine(), "--broker-port, --controller-port, --http-port and --console-port"
                    + " must differ, got " + ports);
        }
        if (samples != null && !Files.isRegularFile(samples)) {
            throw new ParameterException(spec.commandLine(), "--samples must name a JSON Lines file, got '" + samples + "'");
        }
        config.overrides();
    }

    @Override
    public Integer call() throws Exception {
        if (!DevBroker.onClasspath()) {
            spec.commandLine().getErr().printf(NEEDS_DEV_JAR);
            return ExitCodes.USAGE;
        }
        validateArguments();
        try (DevSession session = DevSession.start(dataDir, brokerPort, controllerPort, spec.commandLine().getOut())) {
            final DevBroker broker = session.broker();
            if (brokerOnly) {
                final CountDownLatch stop = new CountDownLatch(1);
                Signals.onTermination(stop::countDown);
                session.say("Broker running at " + broker.bootstrapServers() + "; Ctrl-C to stop.");
                stop.await();
                return ExitCodes.OK;
            }
            final Map<String, String> devValues = new TreeMap<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "state.dir", session.dataDir().resolve("streams").toString(),
                    ConfigKeys.HTTP_BIND_ADDRESS, "127.0.0.1",
                    ConfigKeys.HTTP_PORT, String.valueOf(httpPort),
                    ConfigKeys.CONSOLE_PORT, String.valueOf(consolePort),
                    ConfigKeys.CONSOLE_PASSWORD, OneTimePassword.generate(),
                    ConfigKeys.CONSOLE_TICKETS_URL, "http://127.0.0.1:" + httpPort));
            sayWhatDevOverrides(session, devValues.keySet());
            // The sample tickets' mappings sit below the operator's files, so a file of their own adds to
            // them, or replaces them with mapping.replace=true.
            final TicketSyncConfig appConfig = config.load(Defaults.sampleMappings(), devValues).requireLosslessGuarantee()
                    .requireMappings();
            final List<ProducerRecord<byte[], byte[]>> records = noSamples ? List.of()
                    : samples == null ? SampleTickets.bundled(appConfig.topics().input())
                    : SampleTickets.fromFile(samples, appConfig.topics().input());
            return session.runApp(appConfig, records, Signals::onTermination, Duration.ofSeconds(2));
        }
    }
}
