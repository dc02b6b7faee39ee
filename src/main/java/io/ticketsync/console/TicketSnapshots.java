package io.ticketsync.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a running ticket-sync's HTTP API for a ticket's current snapshot (it forwards to the owning
 * instance itself). Short timeouts: a letter's page must not hang on a slow instance.
 */
final class TicketSnapshots {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** What the instance said: the snapshot JSON, or why there is none. */
    record Answer(boolean found, String body, String explanation) {
    }

    private final Optional<URI> base;
    private final Optional<String> token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TicketSnapshots(final Optional<URI> base, final Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    Answer of(final String ticketId) {
        if (base.isEmpty()) {
            return new Answer(false, "", "no running instance was asked: set console.tickets.url");
        }
        if (ticketId == null || ticketId.isEmpty()) {
            return new Answer(false, "", "the letter has no ticket id (no key)");
        }
        final URI uri = base.get().resolve("/tickets/" + URLEncoder.encode(ticketId, StandardCharsets.UTF_8).replace("+", "%20"));
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        try {
            final HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> new Answer(true, response.body(), "current snapshot from " + base.get());
                case 404 -> new Answer(false, "", "the ticket has no snapshot (never applied, or deleted)");
                default -> new Answer(false, "", base.get() + " answered " + response.statusCode());
            };
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, "", "interrupted");
        } catch (final Exception e) {
            return new Answer(false, "", "no running instance answered at " + base.get() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
