package io.ticketsync.console;

import io.ticketsync.config.Defaults;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.BrakeEvent;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.Actor;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.ReplayPlan;
import io.ticketsync.deadletter.tools.WriterBusyException;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.Selection;
import io.ticketsync.http.JettyServer;
import io.ticketsync.testing.Await;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the console's security promises (README, "Dead-letter console") over real HTTP: the real
 * web server and handler, with the catalog and actions in memory instead of Kafka. Every class of
 * answer the console gives is checked for the security headers and safe cookies, since an error
 * answer is as framable and sniffable as a page.
 */
class ConsoleSecurityTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "a-long-enough-password";
    /** Stated here, not read from the code, so a weakened policy fails this test. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "same-origin");
    private static final LetterId LETTER = MemoryCatalog.LETTER;
    private static final LetterId BROKEN = MemoryCatalog.BROKEN;
    private static final String ODD = MemoryCatalog.ODD;
    private static final LetterId ODD_LETTER = MemoryCatalog.ODD_LETTER;
    /** Enough concurrent wrong guesses to reach the throttle's longest delay. */
    private static final int GUESSES = 8;
    /** More than the console's threads, fewer than its connections. */
    private static final int MANY_GUESSES = 40;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final MemoryActions actions = new MemoryActions();
    private final MemoryBrake brake = new MemoryBrake();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private JettyServer server;
    private String cookieName = SessionCookie.NAME;

    @BeforeEach
    void startConsole() {
        startConsole(Map.of());
    }

    /** (Re)starts the console with these settings over the defaults. */
    private void startConsole(final Map<String, String> settings) {
        if (server != null) {
            server.close();
        }
        final Map<String, String> values = new HashMap<>(Defaults.load());
        values.put("console.bind.address", "127.0.0.1");
        values.put("console.port", "0");
        values.put("console.user", USER);
        values.put("console.password", PASSWORD);
        values.putAll(settings);
        final TicketSyncConfig config = TicketSyncConfig.from(values);
        cookieName = config.console().publicHttps() ? SessionCookie.SECURE_NAME : SessionCookie.NAME;
        server = DeadLetterConsole.serve(config, new MemoryCatalog(), actions, brake,
                (level, event) -> audit.add(level + " " + event.toJson()));
    }

    @AfterEach
    void stopConsole() {
        server.close();
    }

    @Test
    void shouldSecureAPageWhenAnswering200() throws Exception {
        final String session = login();
        for (final String path : List.of("/", "/letters", "/letters/" + LETTER, "/replay", "/brake")) {
            final HttpResponse<String> page = send(get(path, session));
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertSecured(page);
        }
    }

    @Test
    void shouldShowTheEngagedBrakeOnEveryPageAndReleaseItOnlyWithTheSessionsToken() throws Exception {
        brake.engage();
        final String session = login();
        assertThat(send(get("/letters", session)).body()).contains("id=\"braked\"").contains("holds every instance paused");

        final HttpResponse<String> forged = send(post("/brake/release", "note=fixed", session));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(brake.releasedBy).isEmpty();
        final HttpResponse<String> released = send(post("/brake/release", "csrf=" + csrf(session)
                + "&note=mapping+added%0Aaction=forged", session));
        assertThat(released.statusCode()).isEqualTo(303);
        assertThat(released.headers().firstValue("Location")).contains("/brake");
        assertSecured(released);
        assertThat(brake.releasedBy).containsExactly("admin: mapping added\naction=forged");
        assertThat(audit.get(audit.size() - 2)).as("recorded before it is done")
                .contains("\"action\":\"brake-release\",\"actor\":\"admin\",\"outcome\":\"started\"");
        assertThat(audit).last().asString().startsWith("INFO {").doesNotContain("\n")
                .contains("\"action\":\"brake-release\",\"actor\":\"admin\",\"outcome\":\"released\"")
                .contains("\"note\":\"mapping added\\naction=forged\"");
        assertThat(send(get("/brake", session)).body()).doesNotContain("id=\"release-form\"").contains("RELEASED");
    }

    @Test
    void shouldSecureTheExportWhenAnswering200() throws Exception {
        final HttpResponse<String> export = send(get("/export.jsonl?stage=PROCESSING", login()));
        assertThat(export.statusCode()).isEqualTo(200);
        assertSecured(export);
        assertThat(export.body()).isEqualTo(MemoryActions.EXPORTED);
        // The engine behind the actions writes the audit line (DeadLetterExport); the console names the user.
        assertThat(actions.calls).containsExactly("EXPORT by admin: stage=PROCESSING");
    }

    @Test
    void shouldSecureButCacheTheStylesheetWhenAnswering200() throws Exception {
        final HttpResponse<String> css = send(get("/assets/console.css", null));
        assertThat(css.statusCode()).isEqualTo(200);
        assertSecurityHeaders(css);
        assertThat(css.headers().allValues("Cache-Control")).as("no letter data: cacheable").containsExactly("max-age=3600");
    }

    @Test
    void shouldRedirectToTheLoginWhenAPageIsAskedForWithoutASession() throws Exception {
        for (final String session : Arrays.asList(null, "made-up")) {
            final HttpResponse<String> redirect = send(get("/letters", session));
            assertThat(redirect.statusCode()).isEqualTo(303);
            assertThat(redirect.headers().firstValue("Location")).contains("/login");
            assertSecured(redirect);
        }
    }

    @Test
    void shouldSecureTheRedirectAndTheCookieWhenLoggingIn() throws Exception {
        final HttpResponse<String> login = send(post("/login", "user=" + USER + "&password=" + PASSWORD, null));
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/");
        assertSecured(login);
        final List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).singleElement().satisfies(cookie -> {
            assertThat(cookie).startsWith(cookieName + "=");
            assertThat(attributes(cookie)).contains("Max-Age=" + Duration.ofHours(8).toSeconds());
        });
        assertThat(cookieValue(cookies.get(0))).as("a random 256-bit id, base64url").matches("[A-Za-z0-9_-]{43}");
        assertThat(audit).singleElement().asString().startsWith("INFO {")
                .contains("\"action\":\"sign-in\",\"actor\":\"admin\",\"outcome\":\"done\",\"actorSource\":\"password\","
                        + "\"roles\":\"viewer,values,operator\",\"client\":\"127.0.0.1\"");
    }

    @Test
    void shouldSecureTheRedirectAndClearTheCookieWhenLoggingOut() throws Exception {
        final String session = login();
        final HttpResponse<String> logout = send(post("/logout", "csrf=" + csrf(session), session));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).contains("/login");
        assertSecured(logout);
        assertThat(logout.headers().allValues("Set-Cookie")).singleElement()
                .satisfies(cookie -> assertThat(attributes(cookie)).contains("Max-Age=0"));
        assertThat(send(get("/", session)).statusCode()).as("the session is gone").isEqualTo(303);
        assertThat(audit).hasSize(2).last().asString()
                .contains("\"action\":\"sign-out\",\"actor\":\"admin\",\"outcome\":\"done\"");
    }

    @Test
    void shouldMarkForTheSessionsUserAndRedirectWhenAFormIsGenuine() throws Exception {
        final String session = login();
        final String form = "csrf=" + csrf(session) + "&action=RESOLVED&id=" + LETTER + "&note=fixed+upstream";
        final HttpResponse<String> marked = send(post("/letters/mark", form, session)
                .header("Origin", origin()).header("Referer", origin() + "/letters/" + LETTER));
        assertThat(marked.statusCode()).isEqualTo(303);
        assertThat(marked.headers().firstValue("Location")).contains("/letters/" + LETTER);
        assertSecured(marked);
        // The console hands the engine the session's user; the engine writes the audit line (LetterMarker).
        assertThat(actions.calls).containsExactly("RESOLVED by admin: ids=[" + LETTER + "] note=fixed upstream");
    }

    @Test
    void shouldOfferTheEditorCheckAnEditAndSendItOnlyConfirmedWhenItWouldFailAgain() throws Exception {
        final String session = login();
        final HttpResponse<String> page = send(get("/letters/" + LETTER, session));
        assertThat(page.body()).contains("id=\"edit-value\"").contains("id=\"edit-send\"");

        final String fixed = URLEncoder.encode("{\"ticketId\":\"T-1\",\"version\":1,\"fields\":{\"status\":\"open\"}}",
                StandardCharsets.UTF_8);
        final HttpResponse<String> checked = send(post("/letters/" + LETTER + "/check", "csrf=" + csrf(session) + "&value="
                + fixed, session));
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body()).contains("applies as version 1").contains("state: (absent) -&gt; &quot;OPEN&quot;");
        assertThat(actions.calls).isEmpty();

        final String failing = fixed.replace("open", "escalated");
        final HttpResponse<String> unconfirmed = send(post("/letters/" + LETTER + "/edit", "csrf=" + csrf(session) + "&value="
                + failing, session));
        assertThat(unconfirmed.statusCode()).isEqualTo(200);
        assertThat(unconfirmed.body()).contains("Nothing sent: would be dead-lettered again: unmapped-status");
        assertThat(actions.calls).isEmpty();
        final HttpResponse<String> notJson = send(post("/letters/" + LETTER + "/check", "csrf=" + csrf(session)
                + "&value=%7Bnope", session));
        assertThat(notJson.body()).contains("Nothing sent: the new value is not JSON");

        final HttpResponse<String> sent = send(post("/letters/" + LETTER + "/edit", "csrf=" + csrf(session) + "&value="
                + failing + "&confirm=yes", session));
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.headers().firstValue("Location")).contains("/letters/" + LETTER);
        assertThat(actions.calls).singleElement().asString().startsWith("EDIT by admin: " + LETTER);
        assertThat(send(post("/letters/" + LETTER + "/edit", "value=" + fixed, session)).statusCode()).as("no CSRF token")
                .isEqualTo(403);
    }

    @Test
    void shouldMarkAllMatchingOnlyUpToTheEndOffsetsThePageShowed() throws Exception {
        final String session = login();
        final HttpResponse<String> page = send(get("/letters?reason=invalid-json", session));
        assertThat(page.body()).contains("name=\"ends\" value=\"0:8\"");
        final HttpResponse<String> marked = send(post("/letters/mark", "csrf=" + csrf(session)
                + "&action=DISCARDED&scope=matching&reason=invalid-json&ends=0%3A8&note=junk", session));
        assertThat(marked.statusCode()).isEqualTo(303);
        assertThat(actions.calls).containsExactly("DISCARDED by admin: reason=invalid-json note=junk ends={0=8}");
    }

    @Test
    void shouldAnswer409NamingTheHolderWhenAnotherActionWritesToTheDeadLetterTopic() throws Exception {
        final String session = login();
        actions.busy = "another action writes to 'tickets.dlq': replay by alice";
        final HttpResponse<String> refused = send(post("/letters/mark", "csrf=" + csrf(session)
                + "&action=RESOLVED&id=" + LETTER, session));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertSecured(refused);
        assertThat(refused.body()).contains("nothing was written").contains("replay by alice");
    }

    @Test
    void shouldAnswer400WhenAFormOrParameterIsMalformed() throws Exception {
        final String session = login();
        final List<HttpResponse<String>> answers = List.of(
                send(post("/letters/mark", "csrf=" + csrf(session) + "&action=BURNED&id=" + LETTER, session)),
                send(post("/letters/mark", "csrf=" + csrf(session) + "&action=RESOLVED&id=seven", session)),
                send(post("/letters/mark", "csrf=" + csrf(session) + "&id=%zz", session)),
                send(get("/letters?cursor=abc", session)),
                send(get("/letters/seven", session)));
        for (final HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri()).isEqualTo(400);
            assertSecured(answer);
        }
        assertThat(actions.calls).as("nothing was marked").isEmpty();
    }

    @Test
    void shouldAnswer401WhenAFormIsPostedOrAnExportAskedForWithoutASession() throws Exception {
        final List<HttpResponse<String>> answers = List.of(
                send(post("/letters/mark", "action=RESOLVED&id=" + LETTER, null)),
                send(post("/logout", "", "made-up")),
                send(get("/export.jsonl", null)),
                send(post("/login", "user=" + USER + "&password=wrong-but-long-enough", null)));
        for (final HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri()).isEqualTo(401);
            assertSecured(answer);
        }
        assertThat(actions.calls).isEmpty();
    }

    @Test
    void shouldAnswer403AndKeepTheSessionWhenTheCsrfTokenIsMissingOrForged() throws Exception {
        final String session = login();
        for (final String form : List.of("", "csrf=", "csrf=" + csrf(login()), "csrf=" + session)) {
            final HttpResponse<String> refused = send(post("/logout", form, session));
            assertThat(refused.statusCode()).as(form).isEqualTo(403);
            assertSecured(refused);
        }
        assertThat(send(get("/", session)).statusCode()).as("still logged in").isEqualTo(200);
        assertThat(audit).noneMatch(line -> line.contains("LOGOUT"));
    }

    @Test
    void shouldAnswer403WhenAFormComesFromAnotherOrigin() throws Exception {
        final String session = login();
        final String form = "csrf=" + csrf(session) + "&action=DISCARDED&id=" + LETTER;
        final List<HttpResponse<String>> answers = List.of(
                send(post("/letters/mark", form, session).header("Origin", "http://evil.example")),
                send(post("/letters/mark", form, session).header("Origin", "http://127.0.0.1:1")),
                send(post("/letters/mark", form, session).header("Origin", "null")),
                send(post("/letters/mark", form, session).header("Referer", "http://evil.example/page")),
                send(post("/login", "user=" + USER + "&password=" + PASSWORD, null).header("Origin", "http://evil.example")));
        for (final HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.request().headers().map().toString()).isEqualTo(403);
            assertSecured(answer);
        }
        assertThat(actions.calls).as("nothing was marked").isEmpty();
        assertThat(audit).as("no sign-in from the foreign form").filteredOn(line -> line.contains("\"action\":\"sign-in\""))
                .hasSize(1);
        assertThat(audit).as("each refusal audited, in the session's name when it has one")
                .filteredOn(line -> line.contains("\"action\":\"request\",\"actor\":\"admin\",\"outcome\":\"refused\""))
                .hasSize(4).allMatch(line -> line.contains("\"reason\":\"posted from another origin\""));
        assertThat(audit).last().asString().contains("\"actor\":\"(no session)\"", "\"actorSource\":\"unknown\"",
                "\"path\":\"/login\"");
    }

    @Test
    void shouldAnswer404WhenThePathOrTheLetterIsUnknown() throws Exception {
        final String session = login();
        final List<HttpResponse<String>> answers = List.of(
                send(get("/nowhere", session)),
                send(get("/letters/3@99", session)),
                send(get("/replay/jobs/no-such-job", session)),
                send(post("/nowhere", "csrf=" + csrf(session), session)));
        for (final HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri()).isEqualTo(404);
            assertSecured(answer);
        }
    }

    @Test
    void shouldAnswer405WhenTheMethodIsNeitherGetNorPost() throws Exception {
        final HttpResponse<String> answer = send(request("/").PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(answer.statusCode()).isEqualTo(405);
        assertSecured(answer);
    }

    @Test
    void shouldAnswerTheRightPasswordAtOnceWhileMoreGuessesFromItsAddressWaitThanTheConsoleHasThreads() throws Exception {
        // More waiting guesses than the console's 24 threads: their delays must not hold one each.
        final List<CompletableFuture<HttpResponse<String>>> pending = start(MANY_GUESSES,
                i -> post("/login", "user=" + USER + "&password=guess-" + i, null));
        Await.until("every guess checked and waiting", audit::size, size -> size == MANY_GUESSES, Duration.ofSeconds(20));

        final long started = System.nanoTime();
        final HttpResponse<String> right = send(post("/login", "user=" + USER + "&password=" + PASSWORD, null));
        assertThat(right.statusCode()).as("the right password, from the guessing address").isEqualTo(303);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered at once").isLessThan(Duration.ofSeconds(1));
        assertSecured(right);
        assertThat(pending).as("some guesses still waiting meanwhile").anyMatch(guess -> !guess.isDone());

        assertGuessesSlowedAndSecured(all(pending));
        assertThat(audit.subList(0, MANY_GUESSES)).allMatch(line -> line.startsWith("WARN {")
                && line.contains("\"action\":\"sign-in\",\"actor\":\"admin\"") && line.contains("\"client\":\"127.0.0.1\""))
                .anyMatch(line -> line.contains("\"outcome\":\"throttled\""));
    }

    @Test
    void shouldNeverRefuseTheRightPasswordWhenTheAccountFailedManyTimesFromManyAddresses() throws Exception {
        startConsole(Map.of("console.trusted.proxies", "127.0.0.1"));
        final List<HttpResponse<String>> guesses = all(start(GUESSES, i -> post("/login", "user=" + USER + "&password=guess-" + i, null)
                .header("X-Forwarded-For", "203.0.113." + i)));
        assertGuessesSlowedAndSecured(guesses);
        assertThat(audit).as("each guess audited with its forwarded address").hasSize(GUESSES)
                .anyMatch(line -> line.contains("\"client\":\"203.0.113.0\"")).noneMatch(line -> line.contains("127.0.0.1"));

        final HttpResponse<String> right = send(post("/login", "user=" + USER + "&password=" + PASSWORD, null)
                .header("X-Forwarded-For", "203.0.113.200"));
        assertThat(right.statusCode()).isEqualTo(303);
        assertSecured(right);
    }

    @Test
    void shouldAnswerAWrongLoginWithANonBmpUserNameLikeAnyOtherAndAuditItEscaped() throws Exception {
        for (final String form : List.of("user=%F0%9F%98%80&password=x", "user=\uD83D\uDE00%0A%7B%22forged%22%3A1%7D&password=x")) {
            final HttpResponse<String> answer = send(post("/login", form, null));
            assertThat(answer.statusCode()).as(form).isEqualTo(401);
            assertSecured(answer);
            assertThat(answer.body()).contains("Wrong user or password");
        }
        assertThat(audit).hasSize(2).allMatch(line -> !line.contains("\n") && line.contains("\"actor\":\"\uD83D\uDE00"));
        assertThat(audit.get(1)).contains("\"actor\":\"\uD83D\uDE00\\n{\\\"forged\\\":1}\"");
    }

    @Test
    void shouldAcceptTheProxysHttpsOriginAndBelieveItsForwardedClientWhenThePeerIsATrustedProxy() throws Exception {
        startConsole(Map.of("console.trusted.proxies", "127.0.0.1"));
        final Map<String, String> proxied = Map.of("Host", "console.example.com", "X-Forwarded-Proto", "https",
                "X-Forwarded-For", "198.51.100.1, 203.0.113.9", "Origin", "https://console.example.com");
        final RawAnswer login = raw("/login", proxied, "user=" + USER + "&password=" + PASSWORD);
        assertThat(login.status()).as("the browser's https origin, as the proxy reports it").isEqualTo(303);
        assertThat(login.values("Set-Cookie")).singleElement().asString().startsWith(SessionCookie.NAME + "=");
        assertThat(audit).last().asString().contains("\"outcome\":\"done\"").contains("\"client\":\"203.0.113.9\"");

        final Map<String, String> plainOrigin = new HashMap<>(proxied);
        plainOrigin.put("Origin", "http://console.example.com");
        assertThat(raw("/login", plainOrigin, "user=" + USER + "&password=" + PASSWORD).status()).isEqualTo(403);
    }

    @Test
    void shouldReadTheStandardForwardedHeaderWhenATrustedProxySendsNoXForwardedFor() throws Exception {
        startConsole(Map.of("console.trusted.proxies", "127.0.0.1"));
        final RawAnswer login = raw("/login", Map.of("Host", "127.0.0.1:" + server.port(), "Origin", "https://console.example.com",
                "Forwarded", "for=192.0.2.1, for=\"[2001:db8::1]:4711\";proto=https;host=console.example.com"),
                "user=" + USER + "&password=" + PASSWORD);
        assertThat(login.status()).as("the origin the proxy was asked for").isEqualTo(303);
        login.assertSecured();
        assertThat(audit).last().asString().contains("\"client\":\"2001:db8::1\"");
    }

    @Test
    void shouldIgnoreForwardedHeadersWhenThePeerIsNotATrustedProxy() throws Exception {
        startConsole(Map.of("console.trusted.proxies", "10.0.0.1"));
        final Map<String, String> forged = Map.of("Host", "console.example.com", "X-Forwarded-Proto", "https",
                "X-Forwarded-For", "203.0.113.9", "Forwarded", "for=203.0.113.10;proto=https", "Origin", "https://console.example.com");
        final RawAnswer refused = raw("/login", forged, "user=" + USER + "&password=" + PASSWORD);
        assertThat(refused.status()).as("the request reached http://console.example.com, whatever the headers claim").isEqualTo(403);
        refused.assertSecured();

        final HttpResponse<String> wrong = send(post("/login", "user=" + USER + "&password=wrong", null)
                .header("X-Forwarded-For", "203.0.113.9").header("Forwarded", "for=203.0.113.10"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(audit).hasSize(2).allMatch(line -> line.contains("\"client\":\"127.0.0.1\""));
        assertThat(audit.get(0)).as("the refused form, from the direct peer").contains("\"action\":\"request\"");
        assertThat(audit.get(1)).contains("\"action\":\"sign-in\"", "\"outcome\":\"failed\"");
    }

    @Test
    void shouldMatchThePublicOriginAndIssueAHostOnlySecureCookieOnEveryAnswerWhenThePublicUrlIsHttps() throws Exception {
        startConsole(Map.of("console.public.url", "https://console.example.com"));
        final String publicOrigin = "https://console.example.com";
        final HttpResponse<String> login = send(post("/login", "user=" + USER + "&password=" + PASSWORD, null)
                .header("Origin", publicOrigin));
        assertThat(login.statusCode()).isEqualTo(303);
        assertSecured(login);
        final String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("__Host-ticketsync_console=");
        assertThat(attributes(cookie)).contains("Secure", "Path=/", "HttpOnly", "SameSite=Strict")
                .noneMatch(attribute -> attribute.toLowerCase(java.util.Locale.ROOT).startsWith("domain"));
        final String session = cookieValue(cookie);

        for (final String origin : List.of("http://console.example.com", "https://console.example.com:8443", origin(),
                "https://evil.example")) {
            final HttpResponse<String> refused = send(post("/login", "user=" + USER + "&password=" + PASSWORD, null)
                    .header("Origin", origin));
            assertThat(refused.statusCode()).as(origin).isEqualTo(403);
            assertSecured(refused);
        }
        final List<HttpResponse<String>> answers = List.of(
                send(get("/", session)),
                send(post("/login", "user=" + USER + "&password=" + PASSWORD, null).header("Origin", publicOrigin + ":443")),
                send(get("/letters?cursor=abc", session)),
                send(post("/login", "user=" + USER + "&password=wrong", null).header("Referer", publicOrigin + "/login")),
                send(get("/nowhere", session)),
                send(get("/letters/" + BROKEN, session)));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 303, 400, 401, 404, 500);
        answers.forEach(ConsoleSecurityTest::assertSecured);
        assertThat(send(withSession(request("/").GET(), null).header("Cookie", SessionCookie.NAME + "=" + session))
                .statusCode()).as("the plain name is not the session cookie any more").isEqualTo(303);

        final HttpResponse<String> logout = send(post("/logout", "csrf=" + csrf(session), session).header("Origin", publicOrigin));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().allValues("Set-Cookie")).singleElement().asString().startsWith("__Host-ticketsync_console=;")
                .contains("Secure").contains("Max-Age=0");
    }

    @Test
    void shouldRoundTripTicketIdsAndReasonsThroughTheLinksThatCarryThem() throws Exception {
        final String session = login();
        final String exportLink = href(send(get("/letters/" + ODD_LETTER, session)).body(), "id=\"export-ticket\"");
        assertThat(query(exportLink)).containsEntry("ticket", ODD).containsEntry("includeClosed", "true");
        send(get(exportLink, session));
        assertThat(actions.calls).singleElement().asString().contains(ODD);

        final String reasonLink = href(send(get("/", session)).body(), "class=\"reason-letters\"");
        assertThat(query(reasonLink)).containsEntry("stage", "PROCESSING").containsEntry("reason", ODD);
    }

    @Test
    void shouldSecureJettysOwnErrorWhenTheCatalogFails() throws Exception {
        final HttpResponse<String> failed = send(get("/letters/" + BROKEN, login()));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertSecured(failed);
        assertThat(failed.body()).contains("Server Error").as("no exception or stack trace from inside")
                .doesNotContain("catalog broke", "IllegalStateException");
    }

    @Test
    void shouldSecureJettysOwnAnswerWhenTheRequestIsMalformed() throws Exception {
        final String session = login();
        // Jetty refuses these before the console's handler sees them: its error handler answers.
        final HttpResponse<String> ambiguous = send(get("/letters%2F0@7", session));
        final HttpResponse<String> oversized = send(get("/", session).header("X-Padding", "x".repeat(10_000)));
        assertThat(ambiguous.statusCode()).isEqualTo(400);
        assertThat(oversized.statusCode()).isEqualTo(431);
        for (final HttpResponse<String> answer : List.of(ambiguous, oversized)) {
            assertSecured(answer);
            assertThat(answer.body()).contains("ticket-sync dead letters");
        }
    }

    /** The security headers and cookie flags, and no-store: pages and errors may show letter data, no cache keeps them. */
    private static void assertSecured(final HttpResponse<String> response) {
        assertSecurityHeaders(response);
        assertThat(response.headers().allValues("Cache-Control")).as(describe(response)).containsExactly("no-store");
    }

    /** The four headers with their exact values, and on every cookie the flags that keep it from scripts and other sites. */
    private static void assertSecurityHeaders(final HttpResponse<String> response) {
        SECURITY_HEADERS.forEach((name, value) -> assertThat(response.headers().allValues(name))
                .as(describe(response) + ": " + name).containsExactly(value));
        for (final String cookie : response.headers().allValues("Set-Cookie")) {
            assertThat(attributes(cookie)).as(describe(response) + ": " + cookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
        }
    }

    private static String describe(final HttpResponse<String> response) {
        return response.request().method() + " " + response.uri() + " -> " + response.statusCode();
    }

    private static List<String> attributes(final String cookie) {
        return Arrays.stream(cookie.split(";")).skip(1).map(String::strip).toList();
    }

    private static String cookieValue(final String cookie) {
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    @Test
    void shouldDryRunATransformAtARateAndShowItsCountsWhenTheReplayFormHasRules() throws Exception {
        final String session = login();
        final String rules = java.net.URLEncoder.encode("fields.status: escalated -> open\n", StandardCharsets.UTF_8);
        final HttpResponse<String> started = send(post("/replay", "csrf=" + csrf(session) + "&reason=unmapped-status"
                + "&maxReplays=3&dryRun=true&rate=200%2Fs&rules=" + rules, session));
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(actions.calls).anySatisfy(call -> assertThat(call).startsWith("DRY RUN by " + USER)
                .contains("transform=").endsWith("rate=200"));
        final String page = send(get(started.headers().firstValue("Location").orElseThrow(), session)).body();
        assertThat(page).contains("id=\"rate\">200/s").contains("id=\"would-apply\">2").contains("id=\"stale\">1")
                .contains("unmapped-priority: 1").contains("id=\"not-transformable\">1")
                .contains("fields.status: &quot;escalated&quot; -&gt; &quot;open&quot;")
                .contains("id=\"sending-sent\">3").contains("id=\"sending-remaining\">1")
                .contains("id=\"sending-rate\">2.5/s").contains("id=\"sending-estimate\">about 1 s");

        // Rules that do not parse are refused with their line, before anything runs.
        actions.calls.clear();
        final HttpResponse<String> refused = send(post("/replay", "csrf=" + csrf(session) + "&maxReplays=3&dryRun=true&rules="
                + java.net.URLEncoder.encode("set: {fields.a: 1}\nfrobnicate: x\n", StandardCharsets.UTF_8), session));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("line 2").contains("unknown operation");
        assertThat(send(post("/replay", "csrf=" + csrf(session) + "&maxReplays=3&dryRun=true&rate=fast", session))
                .statusCode()).isEqualTo(400);
        assertThat(actions.calls).isEmpty();
    }

    /** @return the session cookie's value */
    private String login() throws Exception {
        final HttpResponse<String> login = send(post("/login", "user=" + USER + "&password=" + PASSWORD, null));
        assertThat(login.statusCode()).isEqualTo(303);
        return cookieValue(login.headers().firstValue("Set-Cookie").orElseThrow());
    }

    /** The session's CSRF token, read from a page as a browser would. */
    private String csrf(final String session) throws Exception {
        final Matcher token = CSRF.matcher(send(get("/", session)).body());
        assertThat(token.find()).as("the page carries a CSRF token").isTrue();
        return token.group(1);
    }

    private String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpRequest.Builder get(final String path, final String session) {
        return withSession(request(path).GET(), session);
    }

    private HttpRequest.Builder post(final String path, final String form, final String session) {
        return withSession(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), session);
    }

    private HttpRequest.Builder withSession(final HttpRequest.Builder request, final String session) {
        return session == null ? request : request.header("Cookie", cookieName + "=" + session);
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends {@code count} requests at once: guesses racing each other. */
    private List<CompletableFuture<HttpResponse<String>>> start(final int count, final IntFunction<HttpRequest.Builder> request) {
        final List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.sendAsync(request.apply(i).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        return answers;
    }

    private static List<HttpResponse<String>> all(final List<CompletableFuture<HttpResponse<String>>> pending) throws Exception {
        final List<HttpResponse<String>> answers = new ArrayList<>();
        for (final CompletableFuture<HttpResponse<String>> answer : pending) {
            answers.add(answer.get(30, TimeUnit.SECONDS));
        }
        return answers;
    }

    /** Wrong guesses: refused without a cookie, secured, and once they pile up "too many", with a Retry-After. */
    private static void assertGuessesSlowedAndSecured(final List<HttpResponse<String>> guesses) {
        assertThat(guesses).extracting(HttpResponse::statusCode).allMatch(status -> status == 401 || status == 429)
                .contains(429);
        for (final HttpResponse<String> guess : guesses) {
            assertSecured(guess);
            assertThat(guess.headers().allValues("Set-Cookie")).isEmpty();
            if (guess.statusCode() == 429) {
                assertThat(guess.headers().firstValue("Retry-After")).hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, (int) LoginThrottle.MAX_DELAY.toSeconds()));
            }
        }
    }

    /** The href of the first link with that attribute, HTML entities undone as a browser would. */
    private static String href(final String page, final String attribute) {
        final Matcher link = Pattern.compile("<a href=\"([^\"]*)\" " + Pattern.quote(attribute)).matcher(page);
        assertThat(link.find()).as("a link with " + attribute).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    private static Map<String, String> query(final String link) {
        final Map<String, String> values = new HashMap<>();
        for (final String pair : URI.create(link).getRawQuery().split("&")) {
            final String[] nameValue = pair.split("=", 2);
            values.put(nameValue[0], java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    /** An answer to a request sent on a bare socket. */
    private record RawAnswer(int status, List<String> headerLines) {

        List<String> values(final String name) {
            return headerLines.stream().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).toList();
        }

        void assertSecured() {
            SECURITY_HEADERS.forEach((name, value) -> assertThat(values(name)).as(name).containsExactly(value));
            assertThat(values("Cache-Control")).containsExactly("no-store");
        }
    }

    /**
     * Posts a form on a bare socket: the JDK client refuses to set {@code Host}, which is what a
     * proxy passes on (and a forger sends).
     */
    private RawAnswer raw(final String path, final Map<String, String> headers, final String form) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            final byte[] body = form.getBytes(StandardCharsets.UTF_8);
            final StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length)
                    .append("\r\nConnection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            final List<String> lines = answer.substring(0, answer.indexOf("\r\n\r\n")).lines().toList();
            return new RawAnswer(Integer.parseInt(lines.get(0).split(" ")[1]), lines.subList(1, lines.size()));
        }
    }
}
