package io.ticketsync.cli;

import io.ticketsync.config.OidcSettings;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.cluster.AclPlan;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.cluster.TopicCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ticket-sync console}: the dead-letter web console, until SIGTERM or SIGINT, or its index stays stale (exit 9). */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Serve the dead-letter console: browse, replay, resolve and export dead letters in a browser.",
                "It needs console.password (TICKET_SYNC_CONSOLE_PASSWORD), or with console.auth=oidc the console.oidc.* keys.",
                "It listens on console.port (console.bind.address)."})
final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final TicketSyncConfig loaded = config.load();
        // Refused before anything reaches Kafka.
        final Optional<OidcSettings> oidc = loaded.requireConsoleSignIn();
        new TopicCheck(loaded, AclPlan.CONSOLE).verify();
        final CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        try (DeadLetterConsole console = DeadLetterConsole.start(loaded)) {
            spec.commandLine().getOut().println("Dead-letter console at http://" + loaded.console().bindAddress() + ":"
                    + console.port() + "/ (" + oidc.map(provider -> "sign-in through " + provider.issuer())
                    .orElse("user '" + loaded.console().user() + "'") + "); Ctrl-C to stop.");
            spec.commandLine().getOut().flush();
            final Optional<String> unhealthy = console.serveUntil(stop);
            if (unhealthy.isPresent()) {
                spec.commandLine().getErr().println("The dead-letter console stops: " + unhealthy.get());
                spec.commandLine().getErr().flush();
                return ExitCodes.CONSOLE_INDEX_STALE;
            }
        }
        return ExitCodes.OK;
    }
}
