package io.ticketsync.console;

import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.WriterBusyException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTP front: who is asking (session cookie, client address through trusted proxies),
 * whether a form is genuine (CSRF token and same origin), security headers on every answer, and
 * which page answers. The pages themselves are {@link ConsoleRoutes}.
 */
final class ConsoleHandler extends Handler.Abstract {

    private final ConsoleAuth auth;
    private final ConsoleRoutes routes;
    private final ConsolePages pages;
    private final ClientView.Reader clients;
    private final FormOrigin formOrigin;
    private final SessionCookie cookie;
    private final ConsoleHealth health;

    ConsoleHandler(final ConsoleAuth auth, final ConsoleRoutes routes, final ConsolePages pages,
                   final ClientView.Reader clients, final FormOrigin formOrigin, final SessionCookie cookie,
                   final ConsoleHealth health) {
        this.auth = auth;
        this.routes = routes;
        this.pages = pages;
        this.clients = clients;
        this.formOrigin = formOrigin;
        this.cookie = cookie;
        this.health = health;
    }

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback) throws Exception {
        SecurityHeaders.apply(response.getHeaders());
        try {
            return dispatch(request, response, callback);
        } catch (final IllegalArgumentException e) {
            // Bad input: an unknown action, a malformed letter id or parameter, a form body Jetty cannot decode.
            return html(response, callback, 400, error("Cannot do that", e.getMessage()));
        } catch (final WriterBusyException e) {
            // Another replay or mark (console or CLI) holds the dead-letter topic's writer lease: nothing was written.
            return html(response, callback, 409, error("Busy: nothing was written", e.getMessage()));
        }
    }

    private boolean dispatch(final Request request, final Response response, final Callback callback) throws Exception {
        final String path = Request.getPathInContext(request);
        final boolean post = "POST".equals(request.getMethod());
        if (!post && !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return html(response, callback, 405, error("Not allowed", request.getMethod() + " is not answered here"));
        }
        if (path.equals("/assets/console.css")) {
            return asset(response, callback);
        }
        // Probes and scrapers have no session; the answers hold no ticket data.
        final Optional<ConsoleHealth.Answer> probe = health.answer(path);
        if (probe.isPresent()) {
            return text(response, callback, probe.get());
        }
        // Read a form before any refusal: an answer that leaves the body unread makes Jetty close the
        // connection under a client that may already be sending its next request on it.
        final Fields fields = post ? FormFields.getFields(request) : Request.extractQueryParameters(request);
        final ClientView client = clients.view(request);
        if (post && !formOrigin.genuine(request, client)) {
            return html(response, callback, 403, error("Refused", "this form was not posted from the console itself"));
        }
        if (path.equals("/login")) {
            return post ? login(request, response, callback, fields, client) : html(response, callback, 200, pages.render("login", Map.of("title", "Log in")));
        }
        final Optional<ConsoleAuth.Session> session = auth.session(cookie.read(request));
        if (session.isEmpty()) {
            if (post || path.endsWith(".jsonl")) {
                return html(response, callback, 401, error("Log in first", "this needs a logged-in session"));
            }
            return redirect(response, callback, "/login");
        }
        if (post && !ConsoleAuth.csrfMatches(session.get(), fields.getValue("csrf"))) {
            return html(response, callback, 403, error("Refused", "the form's CSRF token is missing or stale; reload the page"));
        }
        return route(request, response, callback, path, post, fields, session.get());
    }

    private boolean route(final Request request, final Response response, final Callback callback, final String path,
                          final boolean post, final Fields fields, final ConsoleAuth.Session session) throws Exception {
        if (post) {
            return switch (path) {
                case "/logout" -> {
                    auth.logout(session);
                    response.getHeaders().add(HttpHeader.SET_COOKIE, cookie.clear());
                    yield redirect(response, callback, "/login");
                }
                case "/letters/mark" -> redirect(response, callback, routes.mark(fields, session));
                case "/replay" -> redirect(response, callback, routes.startReplay(fields, session));
                case "/brake/release" -> redirect(response, callback, routes.releaseBrake(fields, session));
                default -> html(response, callback, 404, error("Not found", path));
            };
        }
        if (path.equals("/")) {
            return html(response, callback, 200, routes.overview(session));
        }
        if (path.equals("/brake")) {
            return html(response, callback, 200, routes.brake(session));
        }
        if (path.equals("/letters")) {
            return html(response, callback, 200, routes.letters(fields, session));
        }
        if (path.startsWith("/letters/")) {
            final Optional<String> page = routes.letter(LetterId.parse(path.substring("/letters/".length())), session);
            return page.isPresent() ? html(response, callback, 200, page.get())
                    : html(response, callback, 404, error("No such letter", "it is not in the dead-letter topic (any more)"));
        }
        if (path.equals("/replay")) {
            return html(response, callback, 200, routes.replayForm(fields, session));
        }
        if (path.startsWith("/replay/jobs/")) {
            final Optional<String> page = routes.job(path.substring("/replay/jobs/".length()), session);
            return page.isPresent() ? html(response, callback, 200, page.get())
                    : html(response, callback, 404, error("No such replay", "it was not started by this console since it started"));
        }
        if (path.equals("/export.jsonl")) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"dead-letters.jsonl\"");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                routes.export(fields, session, out);
            }
            callback.succeeded();
            return true;
        }
        return html(response, callback, 404, error("Not found", path));
    }

    /**
     * A right password opens a session at once; a wrong one is answered after the throttle's delay,
     * held by Jetty's scheduler rather than a sleeping thread, so concurrent guesses cannot use up the
     * threads the operator's own login needs.
     */
    private boolean login(final Request request, final Response response, final Callback callback, final Fields form,
                          final ClientView client) {
        final ConsoleAuth.Attempt attempt = auth.login(form.getValue("user"), form.getValue("password"), client.address());
        if (attempt.session().isPresent()) {
            response.getHeaders().add(HttpHeader.SET_COOKIE, cookie.issue(attempt.session().get().id(), ConsoleAuth.SESSION_LIFETIME));
            return redirect(response, callback, "/");
        }
        final String page;
        if (attempt.throttled()) {
            final long seconds = Math.max(1, (attempt.delay().toMillis() + 999) / 1000);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds);
            page = pages.render("login", Map.of("title", "Log in", "error", "Wrong user or password, and many failed logins"
                    + " lately: each answer now waits up to " + LoginThrottle.MAX_DELAY.toSeconds() + " seconds."));
        } else {
            page = pages.render("login", Map.of("title", "Log in", "error", "Wrong user or password."));
        }
        final int status = attempt.throttled() ? 429 : 401;
        request.getComponents().getScheduler().schedule(() -> html(response, callback, status, page),
                attempt.delay().toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    private String error(final String title, final String message) {
        return pages.render("error", Map.of("title", title, "message", message == null ? "" : message));
    }

    private static boolean html(final Response response, final Callback callback, final int status, final String html) {
        final byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static boolean text(final Response response, final Callback callback, final ConsoleHealth.Answer answer) {
        final byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static boolean redirect(final Response response, final Callback callback, final String location) {
        response.setStatus(303);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, null, callback);
        return true;
    }

    private static boolean asset(final Response response, final Callback callback) throws Exception {
        try (InputStream in = ConsoleHandler.class.getResourceAsStream("/console/assets/console.css")) {
            final byte[] body = in.readAllBytes();
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/css; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=3600");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
