package io.ticketsync.cli;

import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.runtime.TicketSyncApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code ticket-sync run}: runs against the configured cluster until stopped or failed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run ticket-sync against the configured Kafka cluster until SIGTERM/SIGINT or a failure.",
                "It ends with one of these exit codes (the README says what to do for each).",
                "Exit " + ExitCodes.OK + ": stopped on request after a clean close.",
                "Exit " + ExitCodes.FAILURE + ": unexpected failure (the stack trace is printed).",
                "Exit " + ExitCodes.USAGE + ": unknown option or bad argument.",
                "Exit " + ExitCodes.CONFIG_ERROR + ": configuration missing or invalid (the message names the key).",
                "Exit " + ExitCodes.STARTUP_CHECK_FAILED + ": startup check failed (cluster, topics, ACLs or limits).",
                "Exit " + ExitCodes.STREAMS_FAILED + ": Kafka Streams failed or stopped without being asked.",
                "Exit " + ExitCodes.SHUTDOWN_TIMEOUT + ": a requested stop took longer than shutdown.timeout.ms.",
                "Exit " + ExitCodes.STUCK + ": processing was stuck and health.stuck.action=exit.",
                "Exit " + ExitCodes.DEAD_LETTER_SURGE + ": the dead-letter surge brake tripped and dlq.surge.action=exit.",
                "Exit " + ExitCodes.CONSOLE_INDEX_STALE + ": never from run; the console's index was stale for console.index.stale.exit.ms."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws InterruptedException {
        final TicketSyncApp app = TicketSyncApp.of(config.load().requireLosslessGuarantee().requireMappings());
        Signals.onTermination(() -> app.requestStop("termination signal received"));
        return app.run();
    }
}
