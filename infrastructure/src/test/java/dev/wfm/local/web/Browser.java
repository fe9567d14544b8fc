package dev.wfm.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) on the web app of the test cloud, through Selenium WebDriver. Without them the tests
 * that need a browser are skipped, saying so. Waits are generous: the machine may be loaded.
 */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final URI web;

    private Browser(WebDriver driver, URI web) {
        this.driver = driver;
        this.web = web;
    }

    static Browser open(URI web) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No browser here: the web app's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withTimeout(PATIENCE).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        return new Browser(driver, web);
    }

    /** Signs in on the local cloud's dev sign-in page, as a person does, and waits for the app. */
    void signIn(String user, String groups) {
        driver.get(web.resolve("/").toString());
        await(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
        driver.findElement(By.id("user")).sendKeys(user);
        driver.findElement(By.id("groups")).sendKeys(groups);
        shoot("sign-in");
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        // The submit leaves the page for the app: a lookup made while it changes is aborted by the
        // navigation (a plain WebDriverException) and is simply made again.
        until(new WebDriverWait(driver, PATIENCE).ignoring(WebDriverException.class),
                ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
    }

    /** Chooses the workflow item in the header's picker, as a person does; My work shows its steps. */
    void pickItem(String itemId) {
        await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#item-picker option[value='" + itemId + "']")));
        new Select(driver.findElement(By.id("item-picker"))).selectByValue(itemId);
        find("#view[data-item-id='" + itemId + "'] #work-table");
    }

    /** Waits for the condition; live updates redraw parts of the page, so an element gone stale is looked up again. */
    <T> T await(Function<WebDriver, T> condition) {
        return until(new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class), condition);
    }

    private <T> T until(FluentWait<WebDriver> wait, Function<WebDriver, T> condition) {
        try {
            return wait.until(condition::apply);
        } catch (TimeoutException timedOut) {
            shoot("timed-out-" + System.currentTimeMillis()); // what the page showed instead
            throw timedOut;
        }
    }

    /** The element's text once it is there. */
    String text(String css) {
        return await(d -> d.findElement(By.cssSelector(css)).getText());
    }

    WebElement find(String css) {
        return await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void click(String css) {
        await(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (element == null) {
                return null;
            }
            element.click();
            return true;
        });
    }

    /** Every form control on the page has a name a screen reader announces (a label, aria-label or aria-labelledby): none is left. */
    void assertEveryControlIsLabelled() {
        Object unlabelled = ((JavascriptExecutor) driver).executeScript("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                    .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby')
                        && !(c.tagName === 'BUTTON' && c.textContent.trim()))
                    .map((c) => c.outerHTML.slice(0, 120));""");
        assertEquals(List.of(), unlabelled, "controls without a label on " + driver.getCurrentUrl());
    }

    /** A picture of the page as it stands, kept as test output. */
    void shoot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void width(int pixels) {
        driver.manage().window().setSize(new Dimension(pixels, 1000));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
