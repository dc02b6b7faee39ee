package io.ticketsync.it;

import io.ticketsync.testing.Await;
import io.ticketsync.testing.HeadlessChrome;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator does in the console's pages, step by step, shared by the browser tests. Steps
 * find what a person sees (element ids, buttons), not form field names, so a form may change what
 * it carries without breaking them.
 */
final class OperatorSteps {

    private OperatorSteps() {
    }

    static void logIn(final ChromeDriver browser, final String password) {
        browser.findElement(By.id("user")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(password);
        leaveBy(browser, browser.findElement(By.id("login")));
    }

    /**
     * Replays the selection ({@code query}, e.g. {@code reason=unmapped-status}) as the page offers it:
     * a dry run that must list {@code expected} letters, then its confirm button, which must send them.
     * Screenshots are named {@code shots}-replay-dry-run and {@code shots}-replay-done.
     */
    static void replayAfterDryRun(final ChromeDriver browser, final String base, final String query, final int expected,
                                  final String shots) throws IOException, InterruptedException {
        browser.get(base + "/replay?" + query);
        leaveBy(browser, browser.findElement(By.id("dry-run")));
        awaitResult(browser);
        assertThat(browser.findElements(By.cssSelector("#would-send li"))).hasSize(expected);
        assertThat(text(browser, "sent")).isEqualTo(String.valueOf(expected));
        HeadlessChrome.screenshot(browser, shots + "-dry-run");
        leaveBy(browser, browser.findElement(By.id("confirm")));
        awaitResult(browser);
        assertThat(text(browser, "sent")).isEqualTo(String.valueOf(expected));
        HeadlessChrome.screenshot(browser, shots + "-done");
    }

    /**
     * Clicks what leaves the page (a link, a submit button) and waits for the next page: a click returns
     * before a slow response arrives, and the old page's elements would be read in its place.
     */
    static void leaveBy(final ChromeDriver browser, final WebElement element) {
        element.click();
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(driver -> gone(element));
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /**
     * Whether the page the element was on has been left. Chromium may say so either way: a stale
     * element, or (while the next page replaces the document) a node that "does not belong to the document".
     */
    private static boolean gone(final WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (final StaleElementReferenceException e) {
            return true;
        } catch (final WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    static List<WebElement> rows(final ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#letters tr.letter"));
    }

    static String text(final ChromeDriver browser, final String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** A replay's page refreshes itself while the job runs; its result appears once it is done. */
    private static void awaitResult(final ChromeDriver browser) throws InterruptedException {
        try {
            Await.until("the replay's result", () -> browser.findElements(By.id("result")).size(), found -> found == 1,
                    Duration.ofSeconds(30), Duration.ofMillis(500));
        } catch (final AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the page says: " + browser.findElement(By.tagName("body")).getText(), e);
        }
    }
}
