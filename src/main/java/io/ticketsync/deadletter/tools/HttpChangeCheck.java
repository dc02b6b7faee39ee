package io.ticketsync.deadletter.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks a running ticket-sync's {@code POST /tickets/{id}/preview} (it forwards to the instance that
 * owns the ticket) what a change would do. Bounded in time: an edit waits seconds for its check, not
 * for ever; an instance that cannot answer is a {@link CheckUnavailableException}, and nothing is sent.
 */
public final class HttpChangeCheck implements ChangeCheck {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Longer than the instance's own forward to the owner (5 s), so its 504 arrives rather than our timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final Optional<String> token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpChangeCheck(final URI base, final Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    /**
     * The instance {@code dlq.check.url} (else {@code console.tickets.url}) names, with {@code http.auth.token}.
     *
     * @throws io.ticketsync.config.InvalidConfigException when neither is set
     */
    public static HttpChangeCheck of(final TicketSyncConfig config) {
        return new HttpChangeCheck(config.requireCheckUrl(), config.api().authToken());
    }

    @Override
    public CheckResult check(final byte[] key, final byte[] value) {
        if (key == null || key.length == 0) {
            throw new InvalidEditException("the letter has no key (ticket id): no instance can check it");
        }
        final String id = new String(key, StandardCharsets.UTF_8);
        final URI uri = base.resolve("/tickets/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/preview");
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(value));
        token.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
        final HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckUnavailableException("interrupted while asking " + base + " to check the change: nothing sent", e);
        } catch (final IOException e) {
            throw new CheckUnavailableException("no running ticket-sync answered at " + base + " to check the change ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): nothing sent; is dlq.check.url right?", e);
        }
        if (response.statusCode() != 200) {
            throw new CheckUnavailableException("ticket-sync at " + base + " could not check the change: " + response.statusCode()
                    + " " + errorOf(response.body()) + "; nothing sent", null);
        }
        return parse(response.body());
    }

    static CheckResult parse(final String body) {
        final JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(body);
        } catch (final IOException e) {
            throw new CheckUnavailableException("the check's answer is not JSON: nothing sent", e);
        }
        final CheckResult.Outcome outcome;
        try {
            outcome = CheckResult.Outcome.valueOf(answer.path("outcome").asText());
        } catch (final IllegalArgumentException e) {
            throw new CheckUnavailableException("the check answered no known outcome: nothing sent", e);
        }
        final List<String> diff = new ArrayList<>();
        answer.path("diff").forEach(line -> diff.add(line.asText()));
        return new CheckResult(outcome, number(answer.get("version")), text(answer.get("reason")),
                answer.path("message").asText(""), snapshot(answer.get("current")), snapshot(answer.get("after")), diff);
    }

    private static Optional<Long> number(final JsonNode node) {
        return node == null || !node.isNumber() ? Optional.empty() : Optional.of(node.longValue());
    }

    private static Optional<String> text(final JsonNode node) {
        return node == null || !node.isTextual() ? Optional.empty() : Optional.of(node.asText());
    }

    private static Optional<String> snapshot(final JsonNode node) {
        return node == null || !node.isObject() ? Optional.empty() : Optional.of(node.toPrettyString());
    }

    private static String errorOf(final String body) {
        try {
            return Json.MAPPER.readTree(body).path("error").asText(body);
        } catch (final IOException e) {
            return body.length() > 200 ? body.substring(0, 200) + "..." : body;
        }
    }
}
