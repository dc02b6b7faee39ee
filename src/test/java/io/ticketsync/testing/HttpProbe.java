package io.ticketsync.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Plain HTTP calls against the app's API on loopback. */
public final class HttpProbe {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    public HttpProbe(final int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET with extra headers, given as name, value, name, value... */
    public HttpResponse<String> get(final String path, final String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).headers(headers).GET());
    }

    public HttpResponse<String> send(final String method, final String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString("x")));
    }

    /** POSTs {@code body} as JSON, with {@code headers} (name, value, ...) when given. */
    public HttpResponse<String> post(final String path, final String body, final String... headers)
            throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    /** Polls {@code path} until the response satisfies {@code done}; fails after {@code timeout}. */
    public HttpResponse<String> awaitGet(final String path, final Predicate<HttpResponse<String>> done,
                                         final Duration timeout) throws IOException, InterruptedException {
        return Await.until("GET " + path + " matching", () -> new Answer(get(path)), answer -> done.test(answer.response()),
                timeout).response();
    }

    /** A response that shows its status and body in a failure message. */
    private record Answer(HttpResponse<String> response) {
        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
