package io.ticketsync.http;

import com.sun.net.httpserver.HttpExchange;
import io.ticketsync.codec.TicketChangeDecoder;
import io.ticketsync.errors.UnreadableStoreValueException;
import io.ticketsync.model.SyncedTicket;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /tickets/{id}}: the ticket's current snapshot, answered by whichever instance owns the
 * key (this one, or the owner it forwards to once). 400 bad id, 404 unknown or deleted, 503 while
 * the store cannot be queried, 500 (saying why) when the stored value cannot be decoded.
 */
final class TicketHandler extends ReadOnlyHandler {

    static final String PREFIX = "/tickets/";
    static final String FORWARDED_HEADER = "X-Ticket-Sync-Forwarded";

    private final TicketLookup lookup;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    TicketHandler(final TicketLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    void get(final HttpExchange exchange) throws IOException {
        final String id = exchange.getRequestURI().getPath().substring(PREFIX.length());
        if (id.isEmpty() || id.length() > TicketChangeDecoder.MAX_TICKET_ID_LENGTH || id.contains("/")) {
            HttpResponses.error(exchange, 400, "ticket id must be 1-" + TicketChangeDecoder.MAX_TICKET_ID_LENGTH
                    + " characters without '/'");
            return;
        }
        final TicketLookup.Owner owner = lookup.ownerOf(id);
        if (owner instanceof TicketLookup.Unavailable unavailable) {
            HttpResponses.error(exchange, 503, unavailable.why());
        } else if (owner instanceof TicketLookup.Remote remote) {
            forward(exchange, remote.host(), id);
        } else {
            answerLocally(exchange, id);
        }
    }

    private void answerLocally(final HttpExchange exchange, final String id) throws IOException {
        final Optional<SyncedTicket> snapshot;
        try {
            snapshot = lookup.localSnapshot(id);
        } catch (final InvalidStateStoreException e) {
            HttpResponses.error(exchange, 503, "store not queryable right now: " + e.getMessage());
            return;
        } catch (final UnreadableStoreValueException e) {
            // Not transient, so not 503: asking again meets the same value.
            HttpResponses.error(exchange, 500, e.getMessage());
            return;
        }
        if (snapshot.isPresent()) {
            HttpResponses.json(exchange, 200, snapshot.get());
        } else {
            HttpResponses.error(exchange, 404, "no ticket " + id);
        }
    }

    private void forward(final HttpExchange exchange, final HostInfo owner, final String id) throws IOException {
        if (exchange.getRequestHeaders().containsKey(FORWARDED_HEADER)) {
            // The owner we were forwarded to disagrees: metadata is moving; let the caller retry.
            HttpResponses.error(exchange, 503, "ownership of " + id + " is moving; retry");
            return;
        }
        final URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + PREFIX
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
        try {
            final HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(5)).header(FORWARDED_HEADER, "1").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponses.send(exchange, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(HttpResponses.JSON), response.body());
        } catch (final IOException e) {
            HttpResponses.error(exchange, 503, "owner " + owner + " did not answer: " + e.getMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpResponses.error(exchange, 503, "interrupted while asking owner " + owner);
        }
    }
}
