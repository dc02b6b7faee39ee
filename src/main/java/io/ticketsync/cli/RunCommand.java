package io.ticketsync.cli;

import io.ticketsync.runtime.TicketSyncApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code ticket-sync run}: runs against the configured cluster until stopped or failed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run ticket-sync against the configured Kafka cluster until SIGTERM/SIGINT or a failure.",
                "Exit codes: 0 stopped cleanly, 3 bad configuration, 4 startup check failed, 5 Kafka Streams failed,",
                "6 stop timed out, 7 processing stuck, 8 dead-letter surge brake."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws InterruptedException {
        final TicketSyncApp app = TicketSyncApp.of(config.load().requireLosslessGuarantee());
        Signals.onTermination(() -> app.requestStop("termination signal received"));
        return app.run();
    }
}
