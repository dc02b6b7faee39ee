package io.ticketsync.it;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.deadletter.tools.DeadLetterFilter;
import io.ticketsync.deadletter.tools.DlqInspector;
import io.ticketsync.deadletter.tools.InspectionReport;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.HeadlessChrome;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.testing.TicketChangeBuilder;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ticketsync.it.OperatorSteps.leaveBy;
import static io.ticketsync.it.OperatorSteps.logIn;
import static io.ticketsync.it.OperatorSteps.replayAfterDryRun;
import static io.ticketsync.it.OperatorSteps.rows;
import static io.ticketsync.it.OperatorSteps.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dead-letter console as an operator uses it, in a real headless browser against a real broker
 * and a running ticket-sync: log in, read the overview, filter, open letters (one of them a script
 * that must stay text), fix the mapping, replay the selection after a dry run and see the tickets
 * applied, discard a letter, export; and nothing without the credential.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class ConsoleBrowserIT {

    private static final String PASSWORD = "console-test-password-123";
    private static final String TRACE = ConsoleSeed.TRACE;
    private static final String SCRIPT = ConsoleSeed.SCRIPT;

    @Test
    void shouldLetAnOperatorFindUnderstandReplayAndResolveDeadLetters(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final Map<String, String> consoleSettings = Map.of("console.password", PASSWORD, "console.port", "0");
        ConsoleSeed.deadLetters(broker, "console-it", state, consoleSettings);
        // The fix: the missing mapping. The fixed instance also answers the detail page's snapshot question.
        final Map<String, String> fixedSettings = new HashMap<>(consoleSettings);
        fixedSettings.putAll(ConsoleSeed.FIX);
        final TicketSyncConfig fixedWithoutUrl = TestConfigs.forBroker(broker, "console-it", state, fixedSettings);
        try (RunningApp fixedApp = RunningApp.start(fixedWithoutUrl, TicketSyncTopology.build(fixedWithoutUrl))) {
            fixedSettings.put("console.tickets.url", "http://127.0.0.1:" + fixedApp.port());
            final TicketSyncConfig config = TestConfigs.forBroker(broker, "console-it", state, fixedSettings);
            try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
                final String base = "http://127.0.0.1:" + console.port();
                Await.until("the console to index the 3 letters", console::progress,
                        progress -> progress.caughtUp() && progress.indexed() == 3, Duration.ofSeconds(30));
                refusesWithoutTheCredential(base);
                final ChromeDriver browser = HeadlessChrome.start();
                try {
                    operate(browser, base, broker, config);
                } finally {
                    browser.quit();
                }
            }
        }
    }

    private void operate(final ChromeDriver browser, final String base, final KafkaBroker broker, final TicketSyncConfig config)
            throws Exception {
        // Log in: a wrong password is refused, the right one opens the overview.
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        HeadlessChrome.screenshot(browser, "login");
        logIn(browser, "wrong-password-for-sure");
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong user or password");
        logIn(browser, PASSWORD);
        assertThat(text(browser, "total")).isEqualTo("3");
        assertThat(text(browser, "open")).isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("#chart rect"))).isNotEmpty();
        assertThat(browser.findElement(By.id("reasons")).getText()).contains("unmapped-status").contains("invalid-json");
        HeadlessChrome.screenshot(browser, "overview");

        // Filter: the two letters of the missing mapping.
        browser.get(base + "/letters");
        browser.findElement(By.id("reason")).sendKeys("unmapped-status");
        leaveBy(browser, browser.findElement(By.id("apply")));
        assertThat(rows(browser)).hasSize(2).allSatisfy(row -> assertThat(row.getText()).contains("unmapped-status"));
        HeadlessChrome.screenshot(browser, "letters");

        // A letter: its JSON pretty-printed, its trace, its source, and the ticket's snapshot (none yet).
        leaveBy(browser, browser.findElement(By.xpath("//tr[td[@class='ticket' and text()='T-1']]//a[@class='open-letter']")));
        assertThat(text(browser, "value")).contains("\"status\" : \"escalated\"");
        assertThat(text(browser, "traceparent")).isEqualTo(TRACE);
        assertThat(text(browser, "source")).contains(config.topics().input());
        assertThat(text(browser, "stacktrace")).contains("Exception");
        assertThat(text(browser, "snapshot-source")).contains("no snapshot");
        HeadlessChrome.screenshot(browser, "letter");

        // The script letter is shown as text: no alert, no element.
        browser.get(base + "/letters?reason=invalid-json");
        leaveBy(browser, rows(browser).get(0).findElement(By.className("open-letter")));
        assertThat(text(browser, "value")).isEqualTo(SCRIPT);
        assertThat(browser.findElements(By.cssSelector("#value script"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        HeadlessChrome.screenshot(browser, "letter-with-script");

        // Replay the selection: a dry run lists exactly the two letters, the confirmation sends them.
        replayAfterDryRun(browser, base, "reason=unmapped-status", 2, "replay");
        final var applied = broker.readCommittedUntil(config.topics().output(), records -> records.size() == 3,
                Duration.ofSeconds(60));
        assertThat(applied).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("T-1", "T-2", "T-4");

        // Replayed letters are closed: once the index has read the replay's records, the open list holds
        // the script letter only; discarding it hides it.
        Await.until("the open list to hold only the script letter", () -> {
            browser.get(base + "/letters");
            return rows(browser).size();
        }, open -> open == 1, Duration.ofSeconds(10), Duration.ofMillis(250));
        rows(browser).get(0).findElement(By.name("id")).click();
        browser.findElement(By.id("note")).sendKeys("junk from a test client");
        leaveBy(browser, browser.findElement(By.id("discard")));
        assertThat(text(browser, "flash")).isEqualTo("1 letters marked discarded");
        assertThat(browser.findElements(By.cssSelector("#letters tr.letter"))).isEmpty();
        HeadlessChrome.screenshot(browser, "letters-after-discard");
        final InspectionReport inspect = new DlqInspector(config).inspect(DeadLetterFilter.ALL, 3, (read, total) -> { });
        assertThat(inspect.matched()).isZero();
        assertThat(inspect.closedLeftOut()).isEqualTo(3);

        // With closed letters included, the detail says who discarded it and why.
        browser.get(base + "/letters?includeClosed=true&reason=invalid-json");
        leaveBy(browser, rows(browser).get(0).findElement(By.className("open-letter")));
        assertThat(text(browser, "status")).contains("DISCARDED").contains("admin").contains("junk from a test client");
    }

    /** No session: pages send to the login, exports and forms are refused; a session without the CSRF token is refused too. */
    private static void refusesWithoutTheCredential(final String base) throws Exception {
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/letters")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/export.jsonl")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(post(http, base + "/letters/mark", "action=RESOLVED&scope=matching", null).statusCode()).isEqualTo(401);
        final HttpResponse<String> login = post(http, base + "/login", "user=admin&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), null);
        assertThat(login.statusCode()).isEqualTo(303);
        final String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(post(http, base + "/letters/mark", "action=RESOLVED&scope=matching", cookie).statusCode()).isEqualTo(403);
        assertThat(post(http, base + "/letters/mark", "action=RESOLVED&scope=matching&csrf=forged", cookie).statusCode())
                .isEqualTo(403);
        final HttpResponse<String> export = http.send(HttpRequest.newBuilder(URI.create(base + "/export.jsonl?includeClosed=true"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"id\":\"0@"));
    }

    private static HttpResponse<String> post(final HttpClient http, final String url, final String form, final String cookie)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
