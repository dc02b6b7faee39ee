package io.ticketsync.it;

import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.console.DeadLetterConsole;
import io.ticketsync.testing.Await;
import io.ticketsync.testing.HeadlessChrome;
import io.ticketsync.testing.KafkaBroker;
import io.ticketsync.testing.NginxProxy;
import io.ticketsync.testing.Ports;
import io.ticketsync.testing.RunningApp;
import io.ticketsync.testing.SharedBroker;
import io.ticketsync.testing.TestCertificates;
import io.ticketsync.testing.TestConfigs;
import io.ticketsync.topology.TicketSyncTopology;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.ticketsync.it.OperatorSteps.leaveBy;
import static io.ticketsync.it.OperatorSteps.logIn;
import static io.ticketsync.it.OperatorSteps.replayAfterDryRun;
import static io.ticketsync.it.OperatorSteps.rows;
import static io.ticketsync.it.OperatorSteps.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as deployed behind a TLS reverse proxy (README, "Behind a TLS proxy"): Debian's nginx
 * terminates https with a self-signed certificate and passes X-Forwarded-For/-Proto on; the console
 * has {@code console.public.url} set to the proxy's https URL and trusts the proxy's address. In
 * headless chromium, entirely through https: log in (the session cookie is {@code __Host-}, Secure),
 * replay a selection after its dry run, resolve a letter.
 */
@Tag("integration")
@ExtendWith(SharedBroker.class)
@Timeout(300)
class ConsoleTlsProxyIT {

    private static final String PASSWORD = "console-test-password-123";

    @Test
    void shouldLogInReplayAndResolveThroughATlsProxyWithAHostOnlySecureCookie(final KafkaBroker broker,
            @TempDir final Path state, @TempDir final Path proxyDir) throws Exception {
        final int proxyPort = Ports.free();
        final Map<String, String> settings = new HashMap<>(Map.of("console.password", PASSWORD, "console.port", "0",
                "console.public.url", "https://127.0.0.1:" + proxyPort, "console.trusted.proxies", "127.0.0.1"));
        ConsoleSeed.deadLetters(broker, "console-tls-it", state, settings);
        settings.putAll(ConsoleSeed.FIX);
        final TicketSyncConfig config = TestConfigs.forBroker(broker, "console-tls-it", state, settings);
        final TestCertificates.Pem certificate = TestCertificates.pem(
                TestCertificates.create(proxyDir, "proxy", "proxy-store-password"), "proxy", proxyDir);

        try (RunningApp fixedApp = RunningApp.start(config, TicketSyncTopology.build(config));
             DeadLetterConsole console = DeadLetterConsole.start(config);
             NginxProxy proxy = NginxProxy.start(proxyDir, proxyPort, console.port(), certificate)) {
            Await.until("the console to index the 3 letters", console::progress,
                    progress -> progress.caughtUp() && progress.indexed() == 3, Duration.ofSeconds(30));
            final ChromeDriver browser = HeadlessChrome.start("--ignore-certificate-errors");
            try {
                operateThrough(browser, proxy.url(), broker, config);
            } finally {
                browser.quit();
            }
            assertThat(Files.readString(proxyDir.resolve("access.log"), StandardCharsets.UTF_8))
                    .as("the browser went through the proxy").contains("POST /login").contains("POST /replay")
                    .contains("POST /letters/mark");
        }
    }

    private static void operateThrough(final ChromeDriver browser, final String base, final KafkaBroker broker,
                                       final TicketSyncConfig config) throws Exception {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/login");
        logIn(browser, PASSWORD);
        assertThat(browser.getCurrentUrl()).as("the login's form passed the origin check").isEqualTo(base + "/");
        assertThat(text(browser, "total")).isEqualTo("3");
        final Cookie session = browser.manage().getCookieNamed("__Host-ticketsync_console");
        assertThat(session).as("the https public URL's cookie").isNotNull();
        assertThat(session.isSecure()).isTrue();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getSameSite()).isEqualTo("Strict");
        HeadlessChrome.screenshot(browser, "proxied-overview");

        replayAfterDryRun(browser, base, "reason=unmapped-status", 2, "proxied-replay");
        final var applied = broker.readCommittedUntil(config.topics().output(), records -> records.size() == 3,
                Duration.ofSeconds(60));
        assertThat(applied).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("T-1", "T-2", "T-4");

        browser.get(base + "/letters?reason=invalid-json");
        leaveBy(browser, rows(browser).get(0).findElement(By.className("open-letter")));
        leaveBy(browser, browser.findElement(By.id("resolve")));
        assertThat(text(browser, "flash")).isEqualTo("1 letters marked resolved");
        Await.until("the index to read the resolution", () -> {
            browser.navigate().refresh();
            return text(browser, "status");
        }, status -> status.contains("RESOLVED"), Duration.ofSeconds(10), Duration.ofMillis(250));
        assertThat(text(browser, "status")).contains("admin");
        assertThat(browser.getCurrentUrl()).startsWith(base + "/letters/");
        HeadlessChrome.screenshot(browser, "proxied-resolved");
    }
}
