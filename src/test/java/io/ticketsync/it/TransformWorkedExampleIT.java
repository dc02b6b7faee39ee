package io.ticketsync.it;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
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
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ticketsync.it.OperatorSteps.leaveBy;
import static io.ticketsync.it.OperatorSteps.rows;
import static io.ticketsync.it.OperatorSteps.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's worked example, in a real browser against a real broker and a running ticket-sync:
 * an upstream started sending {@code status: "escalated"}, which no mapping knows. Instead of a
 * mapping, the operator maps the value once with a transform, previews what it would do (the
 * running instance checks every transformed letter), sends exactly the previewed letters to the
 * replay topic at a bounded rate, and the tickets appear in the output. Its screenshots are the
 * README's ({@code docs/transform-*.png}).
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class TransformWorkedExampleIT {

    private static final String PASSWORD = "worked-example-password-1";
    private static final String RULES = "fields.status: escalated -> open";

    @Test
    void shouldMapAnUnknownStatusOnceWithATransformPreviewItAndSendExactlyWhatWasPreviewed(final KafkaBroker broker,
                                                                                          @TempDir final Path state)
            throws Exception {
        final Map<String, String> settings = new HashMap<>(Map.of("console.password", PASSWORD, "console.port", "0"));
        ConsoleSeed.deadLetters(broker, "worked-example-it", state, settings);
        final TicketSyncConfig appConfig = TestConfigs.forBroker(broker, "worked-example-it", state, settings);
        try (RunningApp app = RunningApp.start(appConfig, TicketSyncTopology.build(appConfig))) {
            app.http().awaitGet("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(60));
            settings.put("console.tickets.url", "http://127.0.0.1:" + app.port());
            final TicketSyncConfig config = TestConfigs.forBroker(broker, "worked-example-it", state, settings);
            try (DeadLetterConsole console = DeadLetterConsole.start(config)) {
                final String base = "http://127.0.0.1:" + console.port();
                Await.until("the console to index the 3 letters", console::progress,
                        progress -> progress.caughtUp() && progress.indexed() == 3, Duration.ofSeconds(30));
                final ChromeDriver browser = HeadlessChrome.start();
                try {
                    browser.get(base + "/login");
                    OperatorSteps.logIn(browser, PASSWORD);
                    transform(browser, base);
                } finally {
                    browser.quit();
                }
            }
            final List<ConsumerRecord<byte[], byte[]>> synced = broker.readCommittedUntil(appConfig.topics().output(),
                    records -> records.size() == 3, Duration.ofSeconds(60));
            assertThat(synced).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("T-1", "T-2", "T-4");
            assertThat(synced).filteredOn(record -> !"T-4".equals(new String(record.key(), StandardCharsets.UTF_8)))
                    .allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"state\":\"OPEN\""));
            assertThat(broker.readAllCommitted(appConfig.topics().input())).as("the input's consumers see nothing again")
                    .hasSize(4);
        }
    }

    private static void transform(final ChromeDriver browser, final String base) throws Exception {
        browser.get(base + "/replay?reason=unmapped-status");
        browser.findElement(By.id("rules")).sendKeys(RULES);
        browser.findElement(By.id("rate")).sendKeys("50/s");
        HeadlessChrome.screenshot(browser, "transform-form");
        leaveBy(browser, browser.findElement(By.id("dry-run")));
        awaitResult(browser);
        assertThat(text(browser, "would-apply")).isEqualTo("2");
        assertThat(text(browser, "failing")).isEqualTo("0");
        assertThat(text(browser, "transform")).contains("fields.status: \"escalated\" -> \"open\"");
        assertThat(browser.findElements(By.cssSelector("#would-send li"))).hasSize(2);
        HeadlessChrome.screenshot(browser, "transform-preview");

        leaveBy(browser, browser.findElement(By.id("confirm")));
        awaitResult(browser);
        assertThat(text(browser, "sent")).isEqualTo("2");
        HeadlessChrome.screenshot(browser, "transform-sent");

        Await.until("the index to read the replay's decisions", () -> {
            browser.get(base + "/letters?reason=unmapped-status");
            return rows(browser).size();
        }, open -> open == 0, Duration.ofSeconds(30), Duration.ofMillis(500));
    }

    private static void awaitResult(final ChromeDriver browser) throws InterruptedException {
        Await.until("the replay's result", () -> browser.findElements(By.id("result")).size(), found -> found == 1,
                Duration.ofSeconds(60), Duration.ofMillis(500));
    }
}
