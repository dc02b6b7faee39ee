package io.ticketsync.http;

import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the instance that owns a ticket, once, and relays its answer. Asynchronous, so a hung owner
 * holds no server thread; bounded in number and time, so hung owners cannot pile up: 503 when too
 * many forwards are in flight or the owner cannot be reached, 504 when it does not answer in time.
 */
final class OwnerForwarder {

    static final String FORWARDED_HEADER = "X-Ticket-Sync-Forwarded";

    private final HttpClient client;
    private final HttpLimits limits;
    private final BearerAuth auth;
    private final Semaphore inFlight;

    OwnerForwarder(final HttpLimits limits, final BearerAuth auth) {
        // Redirects are never followed: an answer comes from the owner Kafka Streams named or not at all.
        this.client = HttpClient.newBuilder().connectTimeout(limits.forwardConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.limits = limits;
        this.auth = auth;
        this.inFlight = new Semaphore(limits.maxForwards());
    }

    void forward(final Request request, final Response response, final Callback callback, final HostInfo owner,
                 final String id) {
        forward(request, response, callback, owner, id, "", null);
    }

    /**
     * @param suffix what follows {@code /tickets/{id}} in the owner's URI ({@code /preview}), or ""
     * @param body   the request body to POST on, or null for a GET
     */
    void forward(final Request request, final Response response, final Callback callback, final HostInfo owner,
                 final String id, final String suffix, final byte[] body) {
        if (request.getHeaders().contains(FORWARDED_HEADER)) {
            // One hop only: the owner we were forwarded to disagrees, so metadata is moving; let the caller retry.
            HttpResponses.error(response, callback, 503, "ownership of " + id + " is moving; retry");
            return;
        }
        final Optional<URI> uri = ticketUri(owner, id);
        if (uri.isEmpty()) {
            HttpResponses.error(response, callback, 502, "the owner of " + id + " advertises an unusable endpoint");
            return;
        }
        if (!inFlight.tryAcquire()) {
            HttpResponses.error(response, callback, 503, "too many queries forwarded at once; retry");
            return;
        }
        final HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(uri.get() + suffix))
                .timeout(limits.forwardTimeout()).header(FORWARDED_HEADER, "1");
        if (body == null) {
            forwarded.GET();
        } else {
            forwarded.header("Content-Type", HttpResponses.JSON).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        auth.authorization().ifPresent(value -> forwarded.header("Authorization", value));
        final CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        // The request timeout ends waiting for the owner's headers; this deadline also ends a body that stalls.
        exchange.copy().orTimeout(limits.forwardTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> {
                    inFlight.release();
                    if (failure == null) {
                        HttpResponses.send(response, callback, answer.statusCode(),
                                answer.headers().firstValue("Content-Type").orElse(HttpResponses.JSON), answer.body());
                        return;
                    }
                    exchange.cancel(true);
                    final Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
                        HttpResponses.error(response, callback, 504, "owner " + owner + " did not answer within "
                                + limits.forwardTimeout().toMillis() + " ms");
                    } else {
                        HttpResponses.error(response, callback, 503, "owner " + owner + " did not answer: " + cause);
                    }
                });
    }

    /**
     * The owner's ticket URI; empty unless its advertised host is a plain host name or address,
     * so a member advertising {@code evil/x#} cannot turn the forward into a request elsewhere.
     */
    static Optional<URI> ticketUri(final HostInfo owner, final String id) {
        final URI base;
        try {
            base = new URI("http", null, owner.host(), owner.port(), null, null, null);
        } catch (final URISyntaxException e) {
            return Optional.empty();
        }
        // Parsed back, the URI must name that host and port and nothing else.
        final boolean exact = base.getHost() != null && unbracketed(base.getHost()).equalsIgnoreCase(unbracketed(owner.host()))
                && base.getPort() == owner.port() && base.getRawUserInfo() == null && base.getRawPath().isEmpty()
                && base.getRawQuery() == null && base.getRawFragment() == null;
        return exact ? Optional.of(URI.create(base + TicketEndpoint.PREFIX
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))) : Optional.empty();
    }

    private static String unbracketed(final String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
