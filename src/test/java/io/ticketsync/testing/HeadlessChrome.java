package io.ticketsync.testing;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (both installed by .ci/run);
 * Selenium is told where both are, so it downloads nothing.
 */
public final class HeadlessChrome {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private HeadlessChrome() {
    }

    public static ChromeDriver start() {
        return start(new String[0]);
    }

    /** With further chromium switches, such as {@code --ignore-certificate-errors} for a test's self-signed proxy. */
    public static ChromeDriver start(final String... extraArguments) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver"
                    + " (run scripts/install-test-packages as root)");
        }
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en");
        options.addArguments(extraArguments);
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        final ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    public static Path screenshot(final ChromeDriver driver, final String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        final File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        final Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
