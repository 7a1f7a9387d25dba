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

import io.jxs.web.testing.HeadlessChromium;
import io.jxs.web.testing.XenStorePage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The page in a real browser (the web module's {@link HeadlessChromium} and {@link XenStorePage}, which the Karaf
 * itests use too), against the started distribution. The tree is expanded by clicks, a write through {@code bin/client}
 * arrives on the page live and highlighted without a reload (keeping what is open and selected), a value that looks
 * like markup shows as text and control bytes escaped, the admin writes through the page's form and the viewer gets
 * no form, the admin switches the traffic trace on in its panel and a write shows as a row, the viewer gets no
 * switch. The first test saves the screenshot the README shows ({@code docs/web-page.png}). Without chromium the
 * test is skipped, except in CI ({@code CI=true}).
 */
@ExtendWith(DistributionExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebPageIT {
    /** How long a change through the shell may take to show on the page (the one second). */
    private static final Duration LIVE = Duration.ofSeconds(1);
    private static final Duration LOADED = XenStorePage.LOADED;

    private HeadlessChromium browser;
    private XenStorePage page;

    @BeforeEach
    void startBrowser(StartedDistribution distribution) {
        HeadlessChromium.unavailableReason().ifPresent(reason -> {
            if (!"true".equals(System.getenv("CI"))) {
                Assumptions.abort(reason);
            }
            throw new AssertionError("CI needs the browser (.ci/run installs chromium and chromium-driver): " + reason);
        });
        browser = HeadlessChromium.start(1280, 580);
        page = new XenStorePage(browser, distribution.url("/jxs/"));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
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
        browser.logIn(StartedDistribution.ADMIN, StartedDistribution.ADMIN);
        page.open("/local/domain");
        for (String path : List.of("/local/domain/0", "/local/domain/0/backend", "/local/domain/0/backend/vif",
                "/local/domain/0/backend/vif/5", "/local/domain/0/backend/vif/5/0", "/local/domain/0/data")) {
            page.expand(path);
        }
        String state = "/local/domain/0/backend/vif/5/0/state";
        assertEquals("state = \"2\" (InitWait)", page.row(state).getText().strip());
        page.click(state);
        assertTrue(page.text("#detail").contains("owner dom0, others none, dom5 read"), page.text("#detail"));
        assertEquals("note = \"<b>x</b>\"", page.row("/local/domain/0/data/note").getText().strip());
        assertEquals(0, browser.driver().findElements(By.cssSelector("#tree b, #detail b")).size(),
                "markup from a value");

        browser.driver().executeScript("window.notReloaded = true;");
        distribution.clientOk("xenstore:write " + state + " 4");
        long written = System.nanoTime();
        browser.waitFor("Connected", LOADED.plus(LIVE), () -> page.row(state).getText().contains("(Connected)"));
        Duration took = Duration.ofNanos(System.nanoTime() - written);
        assertTrue(took.compareTo(LIVE) <= 0, "the change took " + took + " to show");
        assertTrue(page.row(state).getAttribute("class").contains("changed"), "not highlighted");
        assertEquals(Boolean.TRUE, browser.driver().executeScript("return window.notReloaded === true;"),
                "the page reloaded");
        assertTrue(page.text("#detail").contains("Connected"), "the selected node's detail: "
                + page.text("#detail"));
        assertTrue(page.row(state).getAttribute("class").contains("selected"), "the change lost the selection");

        // A new node below an open one appears there, and what was open stays open.
        distribution.clientOk("xenstore:write /local/domain/0/memory/target 524288");
        browser.waitFor("the new node memory", LOADED,
                () -> page.row("/local/domain/0/memory").getAttribute("class").contains("changed"));
        assertTrue(page.row("/local/domain/0/data/note").isDisplayed());
        assertTrue(page.row(state).getAttribute("class").contains("selected"), "the new node lost the selection");
        assertEquals(Boolean.TRUE, browser.driver().executeScript("return window.notReloaded === true;"),
                "the page reloaded");

        Path docs = Path.of(StartedDistribution.requiredProperty("jxs.docs.dir"));
        Files.createDirectories(docs);
        browser.screenshot(docs.resolve("web-page.png"));
    }

    @Test
    void theAdminWritesThroughThePageAndTheViewerGetsNoForm(StartedDistribution distribution) throws Exception {
        distribution.clientOk("xenstore:write /web-page/edit before");
        browser.logIn(StartedDistribution.ADMIN, StartedDistribution.ADMIN);
        page.open("/web-page");
        page.click("/web-page/edit");
        WebElement value = browser.driver().findElement(By.id("edit-value"));
        value.clear();
        value.sendKeys("typed in the page");
        browser.driver().findElement(By.id("do-write")).click();
        browser.waitFor("write: done", LOADED, () -> page.text("#edit-result").equals("write: done"));
        assertEquals("typed in the page", distribution.clientOk("xenstore:read /web-page/edit").strip());

        // Control bytes (which no form field takes) through the page's own API call, with its token: shown escaped.
        Object status = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch('api/write', {method: 'POST', headers: {'X-Jxs-Csrf': me.csrf},"
                + " body: new URLSearchParams({path: '/web-page/control', value: 'a\\u0001b\\u001bc'})})"
                + ".then(response => done(response.status), error => done(String(error)));");
        assertEquals(200L, status, "the page's write of control bytes");
        browser.waitFor("the node with control bytes", LOADED,
                () -> page.text("#tree").contains("control = \"a\\001b\\x1bc\""));

        browser.logIn(StartedDistribution.VIEWER, StartedDistribution.VIEWER);
        page.open("/web-page");
        browser.waitFor("viewer (viewer)", LOADED, () -> page.text("#user").equals("viewer (viewer)"));
        assertTrue(!browser.driver().findElement(By.id("edit")).isDisplayed(), "the viewer sees the form");
        page.row("/web-page/edit");
    }

    @Test
    void theAdminTracesFromThePageAndTheViewerGetsNoSwitch(StartedDistribution distribution) throws Exception {
        browser.logIn(StartedDistribution.ADMIN, StartedDistribution.ADMIN);
        page.open("/web-page");
        browser.waitFor("karaf (admin)", LOADED, () -> page.text("#user").equals("karaf (admin)"));
        browser.driver().findElement(By.cssSelector("#trace > summary")).click();
        browser.waitFor("the trace's state", LOADED, () -> !page.text("#trace-state").isEmpty());
        WebElement on = browser.driver().findElement(By.id("trace-on"));
        assertTrue(on.isDisplayed(), "the admin gets no switch");
        if (on.isSelected()) {
            on.click();
            browser.waitFor("off", LOADED, () -> page.text("#trace-state").equals("off"));
        }
        on.click();
        browser.waitFor("recording", LOADED, () -> page.text("#trace-state").startsWith("recording"));
        distribution.clientOk("xenstore:write /web-page/traced 1");
        browser.waitFor("the write's row", LOADED, this::showsTheTracedWrite);
        on.click();
        browser.waitFor("off", LOADED, () -> page.text("#trace-state").equals("off"));
        assertEquals(distribution.url("/jxs/api/trace/export").toString(),
                browser.driver().findElement(By.id("trace-export")).getAttribute("href"));

        browser.logIn(StartedDistribution.VIEWER, StartedDistribution.VIEWER);
        page.open("/web-page");
        browser.waitFor("viewer (viewer)", LOADED, () -> page.text("#user").equals("viewer (viewer)"));
        browser.driver().findElement(By.cssSelector("#trace > summary")).click();
        browser.waitFor("the records kept", LOADED, this::showsTheTracedWrite);
        assertTrue(!browser.driver().findElement(By.id("trace-on")).isDisplayed(),
                "the viewer sees the trace's switch");
        assertEquals("off", page.text("#trace-state"));
    }

    /** Whether the trace panel shows the write of /web-page/traced: no error, its latency in microseconds. */
    private boolean showsTheTracedWrite() {
        return browser.driver().findElements(By.cssSelector("#trace-records tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .anyMatch(cells -> cells.get(1).equals("WRITE") && cells.get(2).equals("/web-page/traced")
                        && cells.get(4).matches("\\d+ µs") && cells.get(5).isEmpty());
    }
}
