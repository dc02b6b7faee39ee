package io.ticketsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketsync.codec.Json;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.control.BrakeEvent;
import io.ticketsync.control.ControlTopic;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.HeadlessChrome;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.Ports;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.ticketsync.it.OperatorSteps.leaveBy;
import static io.ticketsync.it.OperatorSteps.replayAfterDryRun;
import static io.ticketsync.it.OperatorSteps.rows;
import static io.ticketsync.it.OperatorSteps.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who did what, end to end: three people sign in through a real OpenID provider (mock-oauth2-server)
 * in headless chromium, against a real broker and a running ticket-sync. A viewer sees letters but
 * no values and no actions, and a form forged from their session is refused; a values user sees a
 * letter's value; an operator replays and releases the brake. The audit topic names each of them.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class ConsoleOidcBrowserIT {

    private static final String ISSUER_ID = "company";
    private static final String CLIENT = "ticket-sync-console";

    @Test
    void shouldShowEachPersonWhatTheirRolesAllowAndAuditItInTheirName(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        try {
            final int port = Ports.free();
            final String base = "http://127.0.0.1:" + port;
            final Map<String, String> settings = new HashMap<>(Map.of("console.port", Integer.toString(port),
                    "console.public.url", base, "console.auth", "oidc",
                    "console.oidc.issuer", provider.issuerUrl(ISSUER_ID).toString(), "console.oidc.client.id", CLIENT,
                    "console.oidc.client.secret", "a-long-enough-client-secret", "console.oidc.role.viewer", "support",
                    "console.oidc.role.values", "support-leads", "console.oidc.role.operator", "oncall"));
            ConsoleSeed.deadLetters(broker, "console-oidc-it", state, settings);
            settings.putAll(ConsoleSeed.FIX);
            final TicketSyncConfig config = TestConfigs.forBroker(broker, "console-oidc-it", state, settings);
            try (RunningApp fixedApp = RunningApp.start(config, TicketSyncTopology.build(config));
                 DeadLetterConsole console = DeadLetterConsole.start(config)) {
                Await.until("the console to index the 3 letters", console::progress,
                        progress -> progress.caughtUp() && progress.indexed() == 3, Duration.ofSeconds(30));
                final ChromeDriver browser = HeadlessChrome.start();
                try {
                    viewer(browser, provider, base);
                    valuesUser(browser, provider, base);
                    operator(browser, provider, base, broker, config);
                } finally {
                    browser.quit();
                }
                assertAudited(broker, config);
            }
        } finally {
            provider.shutdown();
        }
    }

    private static void viewer(final ChromeDriver browser, final MockOAuth2Server provider, final String base) throws IOException {
        signIn(browser, provider, base, "viv", List.of("support"));
        assertThat(text(browser, "signed-in-as")).isEqualTo("viv@example.com");
        assertThat(browser.findElements(By.linkText("Replay"))).as("no action the viewer may not take").isEmpty();
        browser.get(base + "/letters");
        assertThat(rows(browser)).hasSize(3).allSatisfy(row -> assertThat(row.findElement(By.className("ticket")).getText())
                .isEqualTo("hidden"));
        assertThat(browser.findElements(By.id("mark"))).isEmpty();
        assertThat(browser.findElements(By.id("export"))).isEmpty();
        assertThat(browser.findElements(By.id("ticket"))).as("the ticket filter reads keys").isEmpty();
        leaveBy(browser, rows(browser).get(0).findElement(By.className("open-letter")));
        assertThat(browser.findElements(By.id("values-hidden"))).hasSize(1);
        assertThat(browser.findElements(By.id("value"))).isEmpty();
        assertThat(browser.findElements(By.id("resolve"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("escalated", ConsoleSeed.SCRIPT);
        HeadlessChrome.screenshot(browser, "oidc-viewer-letter");

        // A mark forged from the viewer's own session, with its genuine CSRF token: the server refuses it.
        browser.executeScript("const form = document.createElement('form');"
                + "form.method = 'post'; form.action = '/letters/mark';"
                + "for (const [name, value] of [['csrf', document.querySelector('input[name=csrf]').value],"
                + " ['action', 'RESOLVED'], ['scope', 'matching']]) {"
                + "  const input = document.createElement('input'); input.type = 'hidden'; input.name = name;"
                + "  input.value = value; form.appendChild(input); }"
                + "document.body.appendChild(form); form.submit();");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> driver.getCurrentUrl().endsWith("/letters/mark"));
        assertThat(text(browser, "message")).contains("needs the operator role");
        HeadlessChrome.screenshot(browser, "oidc-viewer-forged-post");
        browser.get(base + "/letters");
        assertThat(rows(browser)).as("nothing was marked").hasSize(3);
        signOut(browser);
    }

    private static void valuesUser(final ChromeDriver browser, final MockOAuth2Server provider, final String base) {
        signIn(browser, provider, base, "val", List.of("support-leads"));
        browser.get(base + "/letters?reason=unmapped-status&ticket=T-1");
        assertThat(rows(browser)).singleElement().satisfies(row -> assertThat(row.getText()).contains("T-1"));
        leaveBy(browser, rows(browser).get(0).findElement(By.className("open-letter")));
        assertThat(text(browser, "value")).contains("\"status\" : \"escalated\"");
        assertThat(browser.findElements(By.id("resolve"))).as("values, not operator").isEmpty();
        signOut(browser);
    }

    private static void operator(final ChromeDriver browser, final MockOAuth2Server provider, final String base,
                                 final KafkaBroker broker, final TicketSyncConfig config) throws Exception {
        signIn(browser, provider, base, "ops", List.of("oncall", "support"));
        replayAfterDryRun(browser, base, "reason=unmapped-status", 2, "oidc-operator-replay");
        final var applied = broker.readCommittedUntil(config.topics().output(), records -> records.size() == 3,
                Duration.ofSeconds(60));
        assertThat(applied).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("T-1", "T-2", "T-4");

        new ControlTopic(config).write(new BrakeEvent(BrakeEvent.State.ENGAGED, Instant.now(), "test/1",
                "all dead letters: 100 of the last 100 records", "release it"), Duration.ofSeconds(30));
        Await.until("the console to see the brake engaged", () -> {
            browser.get(base + "/brake");
            return browser.findElements(By.id("release-form")).size();
        }, found -> found == 1, Duration.ofSeconds(30), Duration.ofMillis(500));
        browser.findElement(By.name("note")).sendKeys("mapping added");
        leaveBy(browser, browser.findElement(By.id("release")));
        assertThat(text(browser, "brake-state")).contains("RELEASED").contains("ops@example.com");
        HeadlessChrome.screenshot(browser, "oidc-operator-brake-released");
    }

    private static void assertAudited(final KafkaBroker broker, final TicketSyncConfig config) throws InterruptedException {
        final List<JsonNode> events = new ArrayList<>();
        broker.readCommittedUntil(config.topics().audit(), records -> {
            events.clear();
            records.forEach(record -> events.add(json(record)));
            return events.stream().anyMatch(event("brake-release", "ops", "released"));
        }, Duration.ofSeconds(30));
        assertThat(events).anyMatch(event("sign-in", "viv", "done").and(by("viv@example.com", "viewer")));
        assertThat(events).anyMatch(event("request", "viv", "refused").and(field("path", "/letters/mark")));
        assertThat(events).anyMatch(event("sign-out", "viv", "done"));
        assertThat(events).anyMatch(event("view-value", "val", "shown").and(by("val@example.com", "values")));
        assertThat(events).noneMatch(event("view-value", "viv", "shown"));
        assertThat(events).anyMatch(event("replay", "ops", "done").and(by("ops@example.com", "viewer,operator")));
        assertThat(events).anyMatch(event("brake-release", "ops", "released").and(by("ops@example.com", "viewer,operator")));
        assertThat(events).allMatch(node -> !node.path("actor").asText().isEmpty() && node.has("outcome"));
    }

    private static Predicate<JsonNode> event(final String action, final String actor, final String outcome) {
        return node -> action.equals(node.path("action").asText()) && actor.equals(node.path("actor").asText())
                && outcome.equals(node.path("outcome").asText());
    }

    private static Predicate<JsonNode> by(final String email, final String roles) {
        return field("email", email).and(field("roles", roles)).and(field("actorSource", "oidc"));
    }

    private static Predicate<JsonNode> field(final String name, final String value) {
        return node -> value.equals(node.path(name).asText());
    }

    private static JsonNode json(final ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.MAPPER.readTree(record.value());
        } catch (final IOException e) {
            throw new AssertionError("an audit record that is not JSON: " + new String(record.value(), StandardCharsets.UTF_8), e);
        }
    }

    /** The provider signs this person in at once (no login form), with these groups in the ID token. */
    private static void signIn(final ChromeDriver browser, final MockOAuth2Server provider, final String base,
                               final String subject, final List<String> groups) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT),
                Map.of("email", subject + "@example.com", "groups", groups), 3600));
        browser.get(base + "/login");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> driver.getCurrentUrl().equals(base + "/")
                && !driver.findElements(By.id("signed-in-as")).isEmpty());
    }

    /** Signs out at the console and the provider: the next person starts with no session. */
    private static void signOut(final ChromeDriver browser) {
        leaveBy(browser, browser.findElement(By.id("logout")));
        assertThat(browser.manage().getCookieNamed("ticketsync_console")).isNull();
    }
}
