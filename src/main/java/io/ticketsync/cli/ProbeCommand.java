package io.ticketsync.cli;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ticket-sync probe live|ready}: asks the local instance's health endpoint, for container
 * health checks that have no curl. Exit 0 when it answers 200, 1 otherwise.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Ask this host's /health/live or /health/ready: exit 0 when it answers 200, exit 1 otherwise.")
final class ProbeCommand implements Callable<Integer> {

    enum Check { live, ready }

    @Mixin
    private ConfigOptions config;

    @Parameters(index = "0", paramLabel = "live|ready", description = "Which health check to ask: live or ready.")
    private Check check;

    @Spec
    private CommandSpec spec;

    /** The address the API listens on; loopback when it listens on every address. */
    static String probeHost(final String bindAddress) {
        final String host = bindAddress.trim();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public Integer call() throws InterruptedException {
        final TicketSyncConfig loaded = config.load();
        final URI uri = URI.create("http://" + probeHost(loaded.api().bindAddress()) + ":" + loaded.api().port() + "/health/" + check);
        try {
            final HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(4)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            spec.commandLine().getOut().println(response.statusCode() + " " + response.body());
            return response.statusCode() == 200 ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (final IOException e) {
            spec.commandLine().getErr().println("no answer from " + uri + ": " + e);
            return ExitCodes.FAILURE;
        }
    }
}
