package io.ticketsync.console;

import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.AuditEvent;
import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.deadletter.tools.AuditUnavailableException;
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
import java.util.Optional;

/**
 * The console's HTTP front: who is asking (session cookie, client address through trusted proxies),
 * whether a form is genuine (CSRF token and same origin), whether their roles allow it (checked here
 * for every page and form, refusals audited), security headers on every answer, and which page
 * answers. Signing in is {@link SignIn}'s; the pages themselves are {@link ConsoleRoutes}.
 */
final class ConsoleHandler extends Handler.Abstract {

    /** Who a refused request came from when it carries no session. */
    private static final Actor NOBODY = Actor.unknown("(no session)");

    private final Sessions sessions;
    private final SignIn signIn;
    private final ConsoleRoutes routes;
    private final Answers answers;
    private final ClientView.Reader clients;
    private final FormOrigin formOrigin;
    private final SessionCookie cookie;
    private final ConsoleHealth health;
    private final AuditLog audit;
    private final SecurityHeaders security;

    ConsoleHandler(final Sessions sessions, final SignIn signIn, final ConsoleRoutes routes, final Answers answers,
                   final ClientView.Reader clients, final FormOrigin formOrigin, final SessionCookie cookie,
                   final ConsoleHealth health, final AuditLog audit, final SecurityHeaders security) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.routes = routes;
        this.answers = answers;
        this.clients = clients;
        this.formOrigin = formOrigin;
        this.cookie = cookie;
        this.health = health;
        this.audit = audit;
        this.security = security;
    }

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback) throws Exception {
        security.apply(response.getHeaders());
        try {
            return dispatch(request, response, callback);
        } catch (final IllegalArgumentException e) {
            // Bad input: an unknown action, a malformed letter id or parameter, a form body Jetty cannot decode.
            return answers.error(response, callback, 400, "Cannot do that", e.getMessage());
        } catch (final WriterBusyException e) {
            // Another replay or mark (console or CLI) holds the dead-letter topic's writer lease: nothing was written.
            return answers.error(response, callback, 409, "Busy: nothing was written", e.getMessage());
        } catch (final AuditUnavailableException e) {
            // No action and no value shown without its audit record.
            return answers.error(response, callback, 503, "Audit trail unavailable: nothing was done", e.getMessage());
        }
    }

    private boolean dispatch(final Request request, final Response response, final Callback callback) throws Exception {
        final String path = Request.getPathInContext(request);
        final boolean post = "POST".equals(request.getMethod());
        if (!post && !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return answers.error(response, callback, 405, "Not allowed", request.getMethod() + " is not answered here");
        }
        if (path.equals("/assets/console.css")) {
            return asset(response, callback);
        }
        // Probes and scrapers have no session; the answers hold no ticket data.
        final Optional<ConsoleHealth.Answer> probe = health.answer(path);
        if (probe.isPresent()) {
            return Answers.write(response, callback, probe.get().status(), probe.get().contentType(), probe.get().body());
        }
        // Read a form before any refusal: an answer that leaves the body unread makes Jetty close the
        // connection under a client that may already be sending its next request on it.
        final Fields fields = post ? FormFields.getFields(request) : Request.extractQueryParameters(request);
        final ClientView client = clients.view(request);
        if (post && !formOrigin.genuine(request, client)) {
            refused(sessions.find(cookie.read(request)).map(Session::actor).orElse(NOBODY), path, client,
                    "posted from another origin");
            return answers.error(response, callback, 403, "Refused", "this form was not posted from the console itself");
        }
        if (signIn.owns(path)) {
            return signIn.answer(path, post, request, response, callback, fields, client);
        }
        final Optional<Session> session = sessions.find(cookie.read(request));
        if (session.isEmpty()) {
            if (post || path.endsWith(".jsonl")) {
                return answers.error(response, callback, 401, "Sign in first", "this needs a signed-in session");
            }
            return Answers.redirect(response, callback, "/login");
        }
        if (post && !Sessions.csrfMatches(session.get(), fields.getValue("csrf"))) {
            refused(session.get().actor(), path, client, "stale or missing CSRF token");
            return answers.error(response, callback, 403, "Refused", "the form's CSRF token is missing or stale; reload the page");
        }
        final Optional<Role> needed = RoleRules.needed(path, post, fields).stream().filter(role -> !session.get().may(role))
                .findFirst();
        if (needed.isPresent()) {
            refused(session.get().actor(), path, client, "needs the " + needed.get().label() + " role");
            return answers.error(response, callback, 403, "Refused", "this needs the " + needed.get().label()
                    + " role; you have " + String.join(", ", Role.names(session.get().roles())));
        }
        return route(request, response, callback, path, post, fields, session.get());
    }

    private void refused(final Actor actor, final String path, final ClientView client, final String reason) {
        audit.warn(AuditEvent.of("request", actor, "refused").with("path", path).with("client", client.address())
                .with("reason", reason));
    }

    private boolean route(final Request request, final Response response, final Callback callback, final String path,
                          final boolean post, final Fields fields, final Session session) throws Exception {
        if (post) {
            return switch (path) {
                case "/logout" -> {
                    final String next = signIn.signOut(session);
                    response.getHeaders().add(HttpHeader.SET_COOKIE, cookie.clear());
                    yield Answers.redirect(response, callback, next);
                }
                case "/letters/mark" -> Answers.redirect(response, callback, routes.mark(fields, session));
                case "/replay" -> Answers.redirect(response, callback, routes.startReplay(fields, session));
                case "/brake/release" -> Answers.redirect(response, callback, routes.releaseBrake(fields, session));
                default -> letterEdit(response, callback, path, fields, session);
            };
        }
        if (path.equals("/")) {
            return answers.page(response, callback, 200, routes.overview(session));
        }
        if (path.equals("/brake")) {
            return answers.page(response, callback, 200, routes.brake(session));
        }
        if (path.equals("/letters")) {
            return answers.page(response, callback, 200, routes.letters(fields, session));
        }
        if (path.startsWith("/letters/")) {
            final Optional<String> page = routes.letter(LetterId.parse(path.substring("/letters/".length())), session);
            return page.isPresent() ? answers.page(response, callback, 200, page.get())
                    : answers.error(response, callback, 404, "No such letter", "it is not in the dead-letter topic (any more)");
        }
        if (path.equals("/replay")) {
            return answers.page(response, callback, 200, routes.replayForm(fields, session));
        }
        if (path.startsWith("/replay/jobs/")) {
            final Optional<String> page = routes.job(path.substring("/replay/jobs/".length()), session);
            return page.isPresent() ? answers.page(response, callback, 200, page.get())
                    : answers.error(response, callback, 404, "No such replay", "it was not started by this console since it started");
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
        return answers.error(response, callback, 404, "Not found", path);
    }

    /** The letter editor's Check and Send; anything else posted is not found. */
    private boolean letterEdit(final Response response, final Callback callback, final String path, final Fields fields,
                               final Session session) {
        final Optional<LetterEditPath> target = LetterEditPath.parse(path);
        if (target.isEmpty()) {
            return answers.error(response, callback, 404, "Not found", path);
        }
        final ConsoleRoutes.EditAnswer answer = routes.letterEdit(target.get(), fields, session);
        if (answer.redirect() != null) {
            return Answers.redirect(response, callback, answer.redirect());
        }
        return answer.page().isPresent() ? answers.page(response, callback, 200, answer.page().get())
                : answers.error(response, callback, 404, "No such letter", "it is not in the dead-letter topic (any more)");
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
