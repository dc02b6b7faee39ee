package io.ticketsync.console;

import io.ticketsync.config.Defaults;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.http.JettyServer;
import io.ticketsync.testing.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's OpenID Connect sign-in against a real provider (mock-oauth2-server) over real HTTP:
 * the code flow with its state cookie, the roles each group grants, checked for every page and form,
 * and the refusals. The catalog and actions are in memory; the browser test does it all over Kafka.
 */
class ConsoleOidcTest {

    private static final String CLIENT = "ticket-sync-console";
    private static final String ISSUER_ID = "company";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final MockOAuth2Server provider = new MockOAuth2Server();
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final MemoryActions actions = new MemoryActions();
    private final MemoryBrake brake = new MemoryBrake();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private JettyServer console;
    private String origin;

    @BeforeEach
    void start() {
        provider.start();
        final int port = Ports.free();
        origin = "http://127.0.0.1:" + port;
        final Map<String, String> values = new HashMap<>(Defaults.load());
        values.put("console.bind.address", "127.0.0.1");
        values.put("console.port", Integer.toString(port));
        values.put("console.public.url", origin);
        values.put("console.auth", "oidc");
        values.put("console.oidc.issuer", provider.issuerUrl(ISSUER_ID).toString());
        values.put("console.oidc.client.id", CLIENT);
        values.put("console.oidc.client.secret", "a-long-enough-client-secret");
        values.put("console.oidc.role.viewer", "support");
        values.put("console.oidc.role.values", "support-leads");
        values.put("console.oidc.role.operator", "oncall");
        console = DeadLetterConsole.serve(TicketSyncConfig.from(values), new MemoryCatalog(), actions, brake,
                (level, event) -> audit.add(level + " " + event.toJson()));
    }

    @AfterEach
    void stop() {
        console.close();
        provider.shutdown();
    }

    @Test
    void shouldShowAViewerMetadataOnlyAndRefuseTheirActionsOnTheServer() throws Exception {
        final String session = signIn("viv", List.of("support"), 3600);
        final String letter = get("/letters/" + MemoryCatalog.LETTER, session).body();
        assertThat(letter).contains("invalid-json", "JsonParseException", "source-user", "id=\"values-hidden\"")
                .doesNotContain(MemoryCatalog.VALUE, "Ada Lovelace", MemoryCatalog.HEADER_VALUE, "id=\"resolve\"",
                        "id=\"export-ticket\"");
        assertThat(get("/", session).body()).doesNotContain("href=\"/replay\"").contains("viv@example.com");
        assertThat(get("/letters", session).body()).doesNotContain("id=\"mark\"", "id=\"export\"", "name=\"ticket\"");

        final String csrf = csrf(session);
        final HttpResponse<String> forged = post("/letters/mark", "csrf=" + csrf + "&action=RESOLVED&id="
                + MemoryCatalog.LETTER, session);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("needs the operator role");
        assertThat(post("/brake/release", "csrf=" + csrf + "&note=x", session).statusCode()).isEqualTo(403);
        assertThat(get("/export.jsonl", session).statusCode()).isEqualTo(403);
        assertThat(get("/letters?ticket=T-1", session).statusCode()).as("the ticket is the record's key").isEqualTo(403);
        assertThat(get("/replay", session).statusCode()).isEqualTo(403);
        assertThat(actions.calls).isEmpty();
        assertThat(brake.releasedBy).isEmpty();
        assertThat(audit).filteredOn(line -> line.contains("\"action\":\"request\"")).hasSize(5)
                .allMatch(line -> line.startsWith("WARN") && line.contains("\"actor\":\"viv\"") && line.contains("\"outcome\":\"refused\"")
                        && line.contains("\"email\":\"viv@example.com\"") && line.contains("\"roles\":\"viewer\""));
        assertThat(audit).noneMatch(line -> line.contains("view-value"));
    }

    @Test
    void shouldShowTheValuesRoleWhatCanQuoteTheRecordAndAuditEachView() throws Exception {
        final String session = signIn("val", List.of("support-leads"), 3600);
        final String letter = get("/letters/" + MemoryCatalog.LETTER, session).body();
        assertThat(letter).contains("Ada Lovelace", MemoryCatalog.MESSAGE.replace("'", "&#39;"), MemoryCatalog.HEADER_VALUE)
                .doesNotContain("id=\"resolve\"", "id=\"values-hidden\"");
        assertThat(audit).filteredOn(line -> line.contains("\"action\":\"view-value\"")).singleElement().asString()
                .contains("\"actor\":\"val\"", "\"email\":\"val@example.com\"", "\"roles\":\"values\"", "\"letter\":\"0@7\"");
        assertThat(get("/export.jsonl", session).statusCode()).isEqualTo(200);
        assertThat(actions.calls).containsExactly("EXPORT by val@example.com: all");
        assertThat(letter).as("the editor sends: values alone do not offer it").doesNotContain("id=\"edit-value\"");
        assertThat(post("/letters/" + MemoryCatalog.LETTER + "/check", "csrf=" + csrf(session) + "&value=%7B%7D", session)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseTheEditorToAnOperatorWithoutTheValuesRole() throws Exception {
        final String session = signIn("ops", List.of("oncall", "support"), 3600);
        assertThat(get("/letters/" + MemoryCatalog.LETTER, session).body()).doesNotContain("id=\"edit-value\"");
        final String csrf = csrf(session);
        assertThat(post("/letters/" + MemoryCatalog.LETTER + "/edit", "csrf=" + csrf + "&value=%7B%7D&confirm=yes", session)
                .statusCode()).isEqualTo(403);
        assertThat(actions.calls).isEmpty();
        assertThat(audit).anyMatch(line -> line.contains("\"action\":\"request\"") && line.contains("needs the values role"));
    }

    @Test
    void shouldLetAnOperatorMarkAndReleaseTheBrakeInTheirOwnName() throws Exception {
        brake.engage();
        final String session = signIn("ops", List.of("oncall", "support"), 3600);
        final String csrf = csrf(session);
        assertThat(post("/letters/mark", "csrf=" + csrf + "&action=RESOLVED&scope=selected&id=" + MemoryCatalog.LETTER
                + "&note=fixed", session).statusCode()).isEqualTo(303);
        assertThat(post("/brake/release", "csrf=" + csrf + "&note=mapping+added", session).statusCode()).isEqualTo(303);
        assertThat(actions.calls).singleElement().asString().startsWith("RESOLVED by ops@example.com: ");
        assertThat(brake.releasedBy).containsExactly("ops@example.com: mapping added");
        assertThat(audit).anyMatch(line -> line.contains("\"action\":\"brake-release\",\"actor\":\"ops\"")
                && line.contains("\"roles\":\"viewer,operator\""));
    }

    @Test
    void shouldRefuseSomeoneWhoseGroupsGrantNoRole() throws Exception {
        final HttpResponse<String> refused = callback(authorize("nobody", List.of("marketing"), 3600), true);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("none of your groups grants a ticket-sync role");
        assertThat(sessionCookie(refused)).isEmpty();
        assertThat(audit).anyMatch(line -> line.contains("\"action\":\"sign-in\",\"actor\":\"nobody\",\"outcome\":\"refused\""));
    }

    @Test
    void shouldRefuseACallbackWithAnotherStateWithoutTheBrowsersCookieOrTwice() throws Exception {
        final SignInStart tampered = authorize("eve", List.of("oncall"), 3600);
        final String wrongState = tampered.callback().replaceFirst("state=[^&]+", "state=forged");
        assertRefused(send(request(wrongState).header("Cookie", tampered.stateCookie()).GET()), "does not belong");

        final SignInStart foreign = authorize("eve", List.of("oncall"), 3600);
        assertRefused(send(request(foreign.callback()).GET()), "does not belong");

        final SignInStart once = authorize("eve", List.of("oncall"), 3600);
        assertThat(callback(once, true).statusCode()).isEqualTo(303);
        assertRefused(callback(once, true), "already used");
    }

    @Test
    void shouldRefuseAnIdTokenWithAnotherNonceThanTheSignInsOwn() throws Exception {
        final HttpResponse<String> login = get("/login", null);
        final String authorization = login.headers().firstValue("Location").orElseThrow()
                .replaceFirst("nonce=[^&]+", "nonce=someone-elses-nonce");
        enqueue("eve", List.of("oncall"), 3600);
        final String callback = send(request(authorization).GET()).headers().firstValue("Location").orElseThrow();
        assertRefused(send(request(callback).header("Cookie", cookiePair(login)).GET()), "nonce");
    }

    @Test
    void shouldRefuseAnExpiredIdToken() throws Exception {
        assertRefused(callback(authorize("old", List.of("oncall"), -3600), true), "expired");
    }

    @Test
    void shouldRefuseWhatTheProviderRefused() throws Exception {
        final HttpResponse<String> login = get("/login", null);
        final String state = query(login.headers().firstValue("Location").orElseThrow()).get("state");
        assertRefused(send(request(origin + OidcSignIn.CALLBACK + "?error=access_denied&state=" + state)
                .header("Cookie", cookiePair(login)).GET()), "access_denied");
    }

    @Test
    void shouldRenewASessionWhoseIdTokenExpiredWithItsRefreshToken() throws Exception {
        final String session = signIn("ren", List.of("support"), 2);
        Thread.sleep(2_500);
        assertThat(get("/", session).statusCode()).as("renewed with the refresh token").isEqualTo(200);
        assertThat(audit).noneMatch(line -> line.contains("session-renewal") || line.contains("session-end"));
    }

    @Test
    void shouldEndTheProvidersSessionOnSignOut() throws Exception {
        final String session = signIn("out", List.of("support"), 3600);
        final HttpResponse<String> out = post("/logout", "csrf=" + csrf(session), session);
        assertThat(out.statusCode()).isEqualTo(303);
        final String next = out.headers().firstValue("Location").orElseThrow();
        assertThat(next).startsWith(provider.endSessionEndpointUrl(ISSUER_ID).toString());
        assertThat(query(next)).containsKey("id_token_hint").containsEntry("post_logout_redirect_uri", origin + "/signed-out");
        final String providerOrigin = "http://" + URI.create(next).getRawAuthority();
        assertThat(out.headers().firstValue("Content-Security-Policy")).as("the form's redirect may reach the provider, nothing else")
                .hasValueSatisfying(csp -> assertThat(csp).contains("form-action 'self' " + providerOrigin + ";"));
        assertThat(get("/", session).statusCode()).as("the console's session is gone too").isEqualTo(303);
        assertThat(get("/signed-out", null).body()).contains("You are signed out");
        assertThat(audit).anyMatch(line -> line.contains("\"action\":\"sign-out\",\"actor\":\"out\""));
    }

    @Test
    void shouldTieTheSignInToTheBrowserWithALaxStateCookieAndKeepTheSessionCookieStrict() throws Exception {
        final SignInStart started = authorize("ck", List.of("support"), 3600);
        assertThat(started.stateCookieHeader()).contains("SameSite=Lax", "HttpOnly", "Path=/", "Max-Age=600");
        final HttpResponse<String> done = callback(started, true);
        assertThat(done.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith(SessionCookie.STATE_NAME + "=;")
                && cookie.contains("Max-Age=0")).anyMatch(cookie -> cookie.startsWith(SessionCookie.NAME + "=")
                && cookie.contains("SameSite=Strict"));
    }

    /** A sign-in started at the console and answered by the provider, not yet brought back. */
    private record SignInStart(String callback, String stateCookie, String stateCookieHeader) {
    }

    private String signIn(final String subject, final List<String> groups, final long expirySeconds) throws Exception {
        final HttpResponse<String> done = callback(authorize(subject, groups, expirySeconds), true);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        return sessionCookie(done).orElseThrow();
    }

    private SignInStart authorize(final String subject, final List<String> groups, final long expirySeconds) throws Exception {
        final HttpResponse<String> login = get("/login", null);
        assertThat(login.statusCode()).isEqualTo(303);
        final String authorization = login.headers().firstValue("Location").orElseThrow();
        assertThat(query(authorization)).containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce",
                "code_challenge").containsEntry("redirect_uri", origin + OidcSignIn.CALLBACK);
        enqueue(subject, groups, expirySeconds);
        final HttpResponse<String> answered = send(request(authorization).GET());
        return new SignInStart(answered.headers().firstValue("Location").orElseThrow(), cookiePair(login),
                login.headers().firstValue("Set-Cookie").orElseThrow());
    }

    private void enqueue(final String subject, final List<String> groups, final long expirySeconds) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT),
                Map.of("email", subject + "@example.com", "groups", groups), expirySeconds));
    }

    private HttpResponse<String> callback(final SignInStart started, final boolean withCookie) throws Exception {
        final HttpRequest.Builder request = request(started.callback()).GET();
        return send(withCookie ? request.header("Cookie", started.stateCookie()) : request);
    }

    private void assertRefused(final HttpResponse<String> answer, final String why) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("Sign-in refused").containsIgnoringCase(why);
        assertThat(sessionCookie(answer)).isEmpty();
        assertThat(audit).last().asString().contains("\"action\":\"sign-in\"").contains("\"outcome\":\"refused\"");
    }

    private static Optional<String> sessionCookie(final HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith(SessionCookie.NAME + "="))
                .map(cookie -> cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'))).findFirst();
    }

    private static String cookiePair(final HttpResponse<String> answer) {
        final String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private String csrf(final String session) throws Exception {
        final Matcher token = CSRF.matcher(get("/", session).body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static Map<String, String> query(final String url) {
        final Map<String, String> values = new HashMap<>();
        Arrays.stream(URI.create(url).getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .forEach(pair -> values.put(pair[0], URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
        return values;
    }

    private HttpRequest.Builder request(final String url) {
        return HttpRequest.newBuilder(URI.create(url.startsWith("/") ? origin + url : url)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(final String path, final String session) throws IOException, InterruptedException {
        final HttpRequest.Builder request = request(path).GET();
        return send(session == null ? request : request.header("Cookie", SessionCookie.NAME + "=" + session));
    }

    private HttpResponse<String> post(final String path, final String form, final String session) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                .header("Cookie", SessionCookie.NAME + "=" + session).POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
