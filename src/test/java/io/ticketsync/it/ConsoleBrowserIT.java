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
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String SCRIPT = "<script>alert(1)</script>";

    @Test
    void shouldLetAnOperatorFindUnderstandReplayAndResolveDeadLetters(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final Map<String, String> consoleSettings = Map.of("console.password", PASSWORD, "console.port", "0");
        final TicketSyncConfig broken = TestConfigs.forBroker(broker, "console-it", state, consoleSettings);
        broker.createTopics(broken.topics());
        final RecordHeaders traced = new RecordHeaders();
        traced.add("traceparent", TRACE.getBytes(StandardCharsets.UTF_8));
        broker.produce(broken.topics().input(), List.of(
                new ProducerRecord<>(broken.topics().input(), null, null, key("T-1"),
                        TicketChangeBuilder.upsert("T-1", 1).status("escalated").bytes(), traced),
                record(broken, "T-2", TicketChangeBuilder.upsert("T-2", 1).status("escalated").bytes()),
                record(broken, "T-3", SCRIPT.getBytes(StandardCharsets.UTF_8)),
                record(broken, "T-4", TicketChangeBuilder.upsert("T-4", 1).bytes())));

        try (RunningApp app = RunningApp.start(broken, TicketSyncTopology.build(broken))) {
            broker.readCommittedUntil(broken.topics().deadLetter(), letters -> letters.size() == 3, Duration.ofSeconds(60));
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
        // The fix: the missing mapping. The fixed instance also answers the detail page's snapshot question.
        final Map<String, String> fixedSettings = new HashMap<>(consoleSettings);
        fixedSettings.put("mapping.status.escalated", "IN_PROGRESS");
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
        browser.get(base + "/replay?reason=unmapped-status");
        leaveBy(browser, browser.findElement(By.id("dry-run")));
        Await.until("the dry run's result", () -> browser.findElements(By.id("result")).size(), found -> found == 1,
                Duration.ofSeconds(30), Duration.ofMillis(500));
        assertThat(browser.findElements(By.cssSelector("#would-send li"))).hasSize(2);
        assertThat(text(browser, "sent")).isEqualTo("2");
        HeadlessChrome.screenshot(browser, "replay-dry-run");
        leaveBy(browser, browser.findElement(By.id("confirm")));
        Await.until("the replay's result", () -> browser.findElements(By.id("result")).size(), found -> found == 1,
                Duration.ofSeconds(30), Duration.ofMillis(500));
        assertThat(text(browser, "sent")).isEqualTo("2");
        HeadlessChrome.screenshot(browser, "replay-done");
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

    private static void logIn(final ChromeDriver browser, final String password) {
        browser.findElement(By.id("user")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(password);
        leaveBy(browser, browser.findElement(By.id("login")));
    }

    /**
     * Clicks what leaves the page (a link, a submit button) and waits for the next page: a click returns
     * before a slow response arrives, and the old page's elements would be read in its place.
     */
    private static void leaveBy(final ChromeDriver browser, final WebElement element) {
        element.click();
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.stalenessOf(element));
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    private static List<WebElement> rows(final ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#letters tr.letter"));
    }

    private static String text(final ChromeDriver browser, final String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static byte[] key(final String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<byte[], byte[]> record(final TicketSyncConfig config, final String id, final byte[] value) {
        return new ProducerRecord<>(config.topics().input(), key(id), value);
    }
}
