/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.jxs.web.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless {@code chromium}, driven through its {@code chromedriver} by Selenium: the one browser of the
 * page's tests (the distribution's and the Karaf itests'). Nothing is downloaded: both programs come from apt
 * (packages {@code chromium} and {@code chromium-driver}); the system properties {@code jxs.chromium} and
 * {@code jxs.chromedriver} point elsewhere. Close it to end both processes.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** The browser's executable. */
    public static final Path CHROMIUM = Path.of(System.getProperty("jxs.chromium", "/usr/bin/chromium"));
    /** The driver's executable. */
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("jxs.chromedriver", "/usr/bin/chromedriver"));
    /** What installs both. */
    public static final String INSTALL_HINT = "apt-get install chromium chromium-driver";
    /** How often {@link #waitFor} asks the page. */
    private static final Duration POLL = Duration.ofMillis(20);

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Tells why the browser cannot start here.
     *
     * @return what is missing and how to install it, or empty when both programs are installed
     */
    public static Optional<String> unavailableReason() {
        List<String> missing = new ArrayList<>();
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                missing.add(program.toString());
            }
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("not installed: " + String.join(", ", missing) + "; to enable: " + INSTALL_HINT);
    }

    /**
     * Starts the browser with a window of the given size (what a screenshot shows), in English.
     *
     * @param width the window's width in pixels
     * @param height the window's height in pixels
     * @return the running browser
     * @throws IllegalStateException when chromium or chromedriver is not installed ({@link #unavailableReason()})
     * @throws WebDriverException when they do not start
     */
    public static HeadlessChromium start(int width, int height) {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("cannot start chromium: " + reason);
        });
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root in a container: no user namespace for chromium's sandbox, and a /dev/shm too small for it.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogOutput(new ByteArrayOutputStream()).build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    /**
     * The Selenium driver, for what this class does not say itself.
     *
     * @return the driver of this browser
     */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Sends HTTP Basic credentials with every later request of every page (their fetches and event streams too),
     * through the DevTools protocol: headless chromium shows no login dialog.
     *
     * @param user the user name
     * @param password the password
     */
    public void logIn(String user, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Basic " + credentials)));
    }

    /**
     * Loads a page and waits until its document has loaded (not for the page's own fetches).
     *
     * @param address the page's address
     */
    public void open(URI address) {
        driver.get(address.toString());
    }

    /**
     * Asks the page every 20 ms until a condition holds; an element rendered anew meanwhile only means asking again.
     *
     * @param what what is awaited, for the message
     * @param timeout how long at most
     * @param condition the condition, read from the page
     * @throws AssertionError when it does not hold within the timeout; the message holds the page's text
     */
    public void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (StaleElementReferenceException e) {
                // The page rendered the element anew (a change arrived): ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not on the page after " + timeout + ": " + what + "\nthe page shows:\n"
                        + bodyText());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * The text of the page's body, as a user sees it.
     *
     * @return the text, or what the browser said instead
     */
    public String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (WebDriverException e) {
            return "(no text: " + e.getMessage() + ")";
        }
    }

    /**
     * Tells whether a JavaScript dialog ({@code alert}, {@code confirm}, {@code prompt}) is open.
     *
     * @return true when one is open
     */
    public boolean dialogOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /**
     * Takes a picture of the window, as PNG.
     *
     * @param file where to save it; its folder is made when missing
     * @throws UncheckedIOException when the file cannot be written
     */
    public void screenshot(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + file, e);
        }
    }

    /** Ends the browser and its driver. */
    @Override
    public void close() {
        driver.quit();
    }
}
