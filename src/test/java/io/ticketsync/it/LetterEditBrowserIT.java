package io.ticketsync.it;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.deadletter.tools.LetterEditor;
import io.ticketsync.runtime.ExitCodes;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.HeadlessChrome;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ticketsync.it.OperatorSteps.leaveBy;
import static io.ticketsync.it.OperatorSteps.logIn;
import static io.ticketsync.it.OperatorSteps.rows;
import static io.ticketsync.it.OperatorSteps.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The letter editor as an operator uses it, in headless chromium against a real broker and a
 * running ticket-sync that checks edits: an edit that still fails shows the reason and sends nothing
 * without the confirm box; fixing the unmapped status shows "applies as version 1" with the diff,
 * and Send leaves the letter REPLAYED with the edit and the record in the replay topic.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class LetterEditBrowserIT {

    private static final String PASSWORD = "console-test-password-123";

    @Test
    void shouldLetAnOperatorFixAnUnmappedStatusAndSendTheLetterOn(final KafkaBroker broker, @TempDir final Path state)
            throws Exception {
        final Map<String, String> settings = new HashMap<>(Map.of("console.password", PASSWORD, "console.port", "0"));
        ConsoleSeed.deadLetters(broker, "letter-edit-browser-it", state, settings);
        final TicketSyncConfig appConfig = TestConfigs.forBroker(broker, "letter-edit-browser-it", state, settings);
        try (RunningApp app = RunningApp.start(appConfig, TicketSyncTopology.build(appConfig))) {
            settings.put("console.tickets.url", "http://127.0.0.1:" + app.port());
            // The check reads the store: before the instance runs it answers 503.
            app.http().awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            final TicketSyncConfig config = TestConfigs.forBroker(broker, "letter-edit-browser-it", state, settings);
            try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
                final String base = "http://127.0.0.1:" + console.port();
                Await.until("the console to index the 3 letters", console::progress,
                        progress -> progress.caughtUp() && progress.indexed() == 3, Duration.ofSeconds(30));
                final ChromeDriver browser = HeadlessChrome.start();
                try {
                    edit(browser, base, broker, config);
                } finally {
                    browser.quit();
                }
            }
            assertThat(app.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    private static void edit(final ChromeDriver browser, final String base, final KafkaBroker broker,
                             final TicketSyncConfig config) throws Exception {
        browser.get(base + "/");
        logIn(browser, PASSWORD);
        browser.get(base + "/letters?reason=unmapped-status");
        leaveBy(browser, browser.findElement(By.xpath("//tr[td[@class='ticket' and text()='T-2']]//a[@class='open-letter']")));
        assertThat(text(browser, "edit-ticket-id")).isEqualTo("\"T-2\"");
        assertThat(text(browser, "edit-version")).isEqualTo("1");
        final String original = browser.findElement(By.id("edit-value")).getAttribute("value");
        assertThat(original).contains("\"status\" : \"escalated\"");

        // Still unmapped: the check names the reason, Send without the confirm box sends nothing.
        replaceValue(browser, original.replace("escalated", "weird"));
        leaveBy(browser, browser.findElement(By.id("edit-check-button")));
        assertThat(text(browser, "edit-outcome")).isEqualTo("would be dead-lettered again: unmapped-status: status value"
                + " 'weird' has no mapping (mapping.status.*)");
        assertThat(text(browser, "edit-needs-confirm")).contains("confirm box");
        HeadlessChrome.screenshot(browser, "edit-fails-again");
        leaveBy(browser, browser.findElement(By.id("edit-send")));
        assertThat(text(browser, "edit-problem")).startsWith("Nothing sent: would be dead-lettered again: unmapped-status");
        assertThat(broker.readAllCommitted(config.topics().replay())).isEmpty();

        // Fixed: applies as version 1, with the diff and the resulting snapshot.
        replaceValue(browser, original.replace("escalated", "open"));
        leaveBy(browser, browser.findElement(By.id("edit-check-button")));
        assertThat(text(browser, "edit-outcome")).isEqualTo("applies as version 1");
        assertThat(text(browser, "edit-value-diff")).contains("fields.status: \"escalated\" -> \"open\"");
        assertThat(text(browser, "edit-diff")).contains("state: (absent) -> \"OPEN\"");
        assertThat(text(browser, "edit-after")).contains("\"state\" : \"OPEN\"");
        HeadlessChrome.screenshot(browser, "edit-applies");
        browser.findElement(By.id("edit-note")).sendKeys("status typo at the source");
        leaveBy(browser, browser.findElement(By.id("edit-send")));

        assertThat(text(browser, "flash")).contains("applies as version 1");
        assertThat(text(browser, "status")).startsWith("REPLAYED").contains("admin").contains("status typo at the source");
        assertThat(text(browser, "edit-history")).contains("fields.status: \"escalated\" -> \"open\"");
        assertThat(browser.findElements(By.id("edit-value"))).as("a closed letter is not edited").isEmpty();
        HeadlessChrome.screenshot(browser, "edit-sent");

        final List<ConsumerRecord<byte[], byte[]>> sent = broker.readAllCommitted(config.topics().replay());
        assertThat(sent).hasSize(1);
        assertThat(new String(sent.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("T-2");
        assertThat(new String(sent.get(0).value(), StandardCharsets.UTF_8)).contains("\"status\":\"open\"");
        assertThat(sent.get(0).headers().lastHeader(LetterEditor.ACTOR_HEADER).value()).asString(StandardCharsets.UTF_8)
                .isEqualTo("admin");
        // The running instance reads the replay topic beside the input: the edited ticket applies.
        broker.readCommittedUntil(config.topics().output(), records -> records.stream()
                .anyMatch(out -> "T-2".equals(new String(out.key(), StandardCharsets.UTF_8))
                        && new String(out.value(), StandardCharsets.UTF_8).contains("\"state\":\"OPEN\"")), Duration.ofSeconds(60));
        browser.get(base + "/letters?reason=unmapped-status");
        assertThat(rows(browser)).hasSize(1);
    }

    private static void replaceValue(final ChromeDriver browser, final String value) {
        final WebElement editor = browser.findElement(By.id("edit-value"));
        editor.clear();
        editor.sendKeys(value);
    }
}
