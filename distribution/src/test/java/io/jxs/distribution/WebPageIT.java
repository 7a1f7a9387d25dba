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
package io.jxs.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The page in a real browser: Debian's headless {@code chromium} driven through its {@code chromedriver} by
 * Selenium, against the started distribution. The tree is expanded by clicks, a write through {@code bin/client}
 * arrives on the page live and highlighted without a reload (keeping what is open and selected), a value that looks
 * like markup shows as text and control bytes escaped, the admin writes through the page's form and the viewer gets
 * no form, the admin switches the traffic trace on in its panel and a write shows as a row, the viewer gets no switch. The first test saves the screenshot the README
 * shows ({@code docs/web-page.png}). Without chromium the test is skipped, except in CI ({@code CI=true}).
 */
@ExtendWith(DistributionExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebPageIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("jxs.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("jxs.chromedriver", "/usr/bin/chromedriver"));
    /** How long a change through the shell may take to show on the page (the one second). */
    private static final Duration LIVE = Duration.ofSeconds(1);
    private static final Duration LOADED = Duration.ofSeconds(20);

    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("no " + CHROMIUM + " or " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        }
        assertTrue(installed, "CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt packages chromium and "
                + "chromium-driver, which .ci/run installs)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root in a container: no user namespace for chromium's sandbox, and a /dev/shm too small for it.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,580", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogOutput(new java.io.ByteArrayOutputStream()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theTreeExpandsShowsAShellWriteLiveAndEscapesMarkup(StartedDistribution distribution) throws Exception {
        distribution.clientOk(String.join("\n",
                "xenstore:write /local/domain/0/name Domain-0",
                "xenstore:write /local/domain/0/domid 0",
                "xenstore:write /local/domain/0/backend/vif/5/0/frontend /local/domain/5/device/vif/0",
                "xenstore:write /local/domain/0/backend/vif/5/0/mac 00:16:3e:5a:01:02",
                "xenstore:write /local/domain/0/backend/vif/5/0/state 2",
                "xenstore:write /local/domain/0/data/note \"<b>x</b>\"",
                "xenstore:write /local/domain/5/name guest5",
                "xenstore:write /local/domain/5/domid 5",
                "xenstore:write /local/domain/5/device/vif/0/state 4",
                "xenstore:chmod /local/domain/0/backend/vif/5/0/state n0 r5"));
        logIn(distribution, StartedDistribution.ADMIN);
        browser.get(distribution.url("/jxs/index.html?path=/local/domain").toString());
        for (String path : List.of("/local/domain/0", "/local/domain/0/backend", "/local/domain/0/backend/vif",
                "/local/domain/0/backend/vif/5", "/local/domain/0/backend/vif/5/0", "/local/domain/0/data")) {
            click(path);
            waitFor(path + " open", LOADED, () -> !browser.findElements(
                    By.cssSelector("li[data-path='" + path + "'].open > ul > li")).isEmpty());
        }
        String state = "/local/domain/0/backend/vif/5/0/state";
        assertEquals("state = \"2\" (InitWait)", row(state).getText().strip());
        click(state);
        assertTrue(text("#detail").contains("owner dom0, others none, dom5 read"), text("#detail"));
        assertEquals("note = \"<b>x</b>\"", row("/local/domain/0/data/note").getText().strip());
        assertEquals(0, browser.findElements(By.cssSelector("#tree b, #detail b")).size(), "markup from a value");

        browser.executeScript("window.notReloaded = true;");
        distribution.clientOk("xenstore:write " + state + " 4");
        long written = System.nanoTime();
        waitFor("Connected", LOADED.plus(LIVE), () -> row(state).getText().contains("(Connected)"));
        Duration took = Duration.ofNanos(System.nanoTime() - written);
        assertTrue(took.compareTo(LIVE) <= 0, "the change took " + took + " to show");
        assertTrue(row(state).getAttribute("class").contains("changed"), "not highlighted");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true;"), "the page reloaded");
        assertTrue(text("#detail").contains("Connected"), "the selected node's detail: " + text("#detail"));
        assertTrue(row(state).getAttribute("class").contains("selected"), "the change lost the selection");

        // A new node below an open one appears there, and what was open stays open.
        distribution.clientOk("xenstore:write /local/domain/0/memory/target 524288");
        waitFor("the new node memory", LOADED, () -> row("/local/domain/0/memory").getAttribute("class")
                .contains("changed"));
        assertTrue(row("/local/domain/0/data/note").isDisplayed());
        assertTrue(row(state).getAttribute("class").contains("selected"), "the new node lost the selection");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true;"), "the page reloaded");

        Path docs = Path.of(StartedDistribution.requiredProperty("jxs.docs.dir"));
        Files.createDirectories(docs);
        Files.write(docs.resolve("web-page.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theAdminWritesThroughThePageAndTheViewerGetsNoForm(StartedDistribution distribution) throws Exception {
        distribution.clientOk("xenstore:write /web-page/edit before");
        logIn(distribution, StartedDistribution.ADMIN);
        browser.get(distribution.url("/jxs/index.html?path=/web-page").toString());
        click("/web-page/edit");
        WebElement value = browser.findElement(By.id("edit-value"));
        value.clear();
        value.sendKeys("typed in the page");
        browser.findElement(By.id("do-write")).click();
        waitFor("write: done", LOADED, () -> text("#edit-result").equals("write: done"));
        assertEquals("typed in the page", distribution.clientOk("xenstore:read /web-page/edit").strip());

        // Control bytes (which no form field takes) through the page's own API call, with its token: shown escaped.
        Object status = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch('api/write', {method: 'POST', headers: {'X-Jxs-Csrf': me.csrf},"
                + " body: new URLSearchParams({path: '/web-page/control', value: 'a\\u0001b\\u001bc'})})"
                + ".then(response => done(response.status), error => done(String(error)));");
        assertEquals(200L, status, "the page's write of control bytes");
        waitFor("the node with control bytes", LOADED, () -> browser.findElement(By.id("tree")).getText()
                .contains("control = \"a\\001b\\x1bc\""));

        logIn(distribution, StartedDistribution.VIEWER);
        browser.get(distribution.url("/jxs/index.html?path=/web-page").toString());
        waitFor("viewer (viewer)", LOADED, () -> text("#user").equals("viewer (viewer)"));
        assertTrue(!browser.findElement(By.id("edit")).isDisplayed(), "the viewer sees the form");
        row("/web-page/edit");
    }

    @Test
    void theAdminTracesFromThePageAndTheViewerGetsNoSwitch(StartedDistribution distribution) throws Exception {
        logIn(distribution, StartedDistribution.ADMIN);
        browser.get(distribution.url("/jxs/index.html?path=/web-page").toString());
        waitFor("karaf (admin)", LOADED, () -> text("#user").equals("karaf (admin)"));
        browser.findElement(By.cssSelector("#trace > summary")).click();
        waitFor("the trace's state", LOADED, () -> !text("#trace-state").isEmpty());
        WebElement on = browser.findElement(By.id("trace-on"));
        assertTrue(on.isDisplayed(), "the admin gets no switch");
        if (on.isSelected()) {
            on.click();
            waitFor("off", LOADED, () -> text("#trace-state").equals("off"));
        }
        on.click();
        waitFor("recording", LOADED, () -> text("#trace-state").startsWith("recording"));
        distribution.clientOk("xenstore:write /web-page/traced 1");
        waitFor("the write's row", LOADED, this::showsTheTracedWrite);
        on.click();
        waitFor("off", LOADED, () -> text("#trace-state").equals("off"));
        assertEquals(distribution.url("/jxs/api/trace/export").toString(),
                browser.findElement(By.id("trace-export")).getAttribute("href"));

        logIn(distribution, StartedDistribution.VIEWER);
        browser.get(distribution.url("/jxs/index.html?path=/web-page").toString());
        waitFor("viewer (viewer)", LOADED, () -> text("#user").equals("viewer (viewer)"));
        browser.findElement(By.cssSelector("#trace > summary")).click();
        waitFor("the records kept", LOADED, this::showsTheTracedWrite);
        assertTrue(!browser.findElement(By.id("trace-on")).isDisplayed(), "the viewer sees the trace's switch");
        assertEquals("off", text("#trace-state"));
    }

    /** Whether the trace panel shows the write of /web-page/traced: no error, its latency in microseconds. */
    private boolean showsTheTracedWrite() {
        return browser.findElements(By.cssSelector("#trace-records tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .anyMatch(cells -> cells.get(1).equals("WRITE") && cells.get(2).equals("/web-page/traced")
                        && cells.get(4).matches("\\d+ µs") && cells.get(5).isEmpty());
    }

    /**
     * Sends the user's HTTP Basic credentials with every request of the page (the page's own fetches and its
     * event stream too), through the DevTools protocol: chromium shows no login dialog headless.
     */
    private void logIn(StartedDistribution distribution, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Basic " + credentials)));
    }

    /** Clicks a node's row (selects it, opens or closes it) once it is on the page. */
    private void click(String path) {
        waitFor("a click on " + path, LOADED, () -> {
            row(path).click();
            return true;
        });
    }

    /** A node's row, once it is on the page. */
    private WebElement row(String path) {
        WebElement[] found = new WebElement[1];
        waitFor("the row of " + path, LOADED, () -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("li[data-path='" + path + "'] > .node"));
            found[0] = rows.isEmpty() || rows.get(0).getText().isBlank() ? null : rows.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    /**
     * Asks the page every 20 ms until a condition holds.
     *
     * @throws AssertionError when it does not hold within the timeout
     */
    private void waitFor(String what, Duration timeout, BooleanSupplier condition) {
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
                        + browser.findElement(By.tagName("body")).getText());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }
}
