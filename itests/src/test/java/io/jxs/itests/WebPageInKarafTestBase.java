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
package io.jxs.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.web.testing.HeadlessChromium;
import io.jxs.web.testing.XenStorePage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The page in headless chromium, served by a Karaf with the {@code jxs-web} feature and connected to a real daemon
 * ({@link KarafWithWebPage}, one per subclass), every change from outside made by the daemon's own
 * {@code xenstore-write} (xenstore-utils): the tree, live changes, escaping, who may write, the token, and a
 * flood. Each test works below a subtree of its own.
 */
public abstract class WebPageInKarafTestBase {
    /** How long a change from outside may take to show on the page (the one second). */
    private static final Duration LIVE = Duration.ofSeconds(1);
    /**
     * How long after a plain watcher the page may show a write made right after the flood: it is still refreshing
     * the flood's nodes then (measured 0.4 to 0.7 s on 2 busy cores; minutes before the page merged changes).
     */
    private static final Duration FLOOD_LAG = Duration.ofSeconds(2);
    private static final int FLOOD_WRITES = 20_000;
    /**
     * A name of 900 characters in each flooded path: a server that kept every change of the flood for the page
     * would hold 20,000 such paths, over 18 MB, where the page's bound (1,000 queued) holds under 1 MB.
     */
    private static final String LONG_NAME = "n".repeat(900);
    /** What the container's heap may grow by in the flood (see {@link #LONG_NAME} and the test). */
    private static final long HEAP_BOUND_BYTES = 12L * 1024 * 1024;

    private HeadlessChromium browser;
    private XenStorePage page;

    /**
     * The container and the daemon of the subclass's class rule.
     *
     * @return the running container
     */
    protected abstract KarafWithWebPage karaf();

    @Before
    public void startBrowser() {
        browser = HeadlessChromium.start(1280, 720);
        page = new XenStorePage(browser, karaf().page());
    }

    @After
    public void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    public void theTreeLoads() {
        write("/itest/web/tree/vif/0/mac", "00:16:3e:5a:01:02");
        write("/itest/web/tree/vif/0/state", "4");
        write("/itest/web/tree/name", "guest5");
        browser.logIn(KarafWithWebPage.VIEWER, KarafWithWebPage.VIEWER);
        page.open("/itest/web/tree");
        assertEquals("viewer (viewer)", page.text("#user"));
        page.expand("/itest/web/tree/vif");
        page.expand("/itest/web/tree/vif/0");
        assertEquals(lsLine("/itest/web/tree", "name"), page.line("/itest/web/tree/name"));
        assertEquals(lsLine("/itest/web/tree/vif/0", "mac"), page.line("/itest/web/tree/vif/0/mac"));
        assertEquals(lsLine("/itest/web/tree/vif/0", "state") + " (Connected)",
                page.line("/itest/web/tree/vif/0/state"));
        page.click("/itest/web/tree/vif/0/state");
        assertTrue(page.text("#detail"), page.text("#detail").contains("owner dom0, others none"));
    }

    @Test
    public void aChangeByXenstoreWriteShowsWithinOneSecond() {
        write("/itest/web/live/dev/state", "2");
        browser.logIn(KarafWithWebPage.VIEWER, KarafWithWebPage.VIEWER);
        page.open("/itest/web/live");
        page.expand("/itest/web/live/dev");
        assertEquals("state = \"2\" (InitWait)", page.line("/itest/web/live/dev/state"));
        browser.waitFor("live", XenStorePage.LOADED, () -> page.text("#status").equals("live"));
        browser.driver().executeScript("window.notReloaded = true;");

        long before = System.nanoTime();
        write("/itest/web/live/dev/state", "4");
        browser.waitFor("Connected", XenStorePage.LOADED,
                () -> page.line("/itest/web/live/dev/state").contains("(Connected)"));
        Duration took = Duration.ofNanos(System.nanoTime() - before);
        assertTrue("xenstore-write and the page took " + took, took.compareTo(LIVE) <= 0);
        assertTrue("not highlighted", page.marked("/itest/web/live/dev/state", "changed"));
        assertEquals("the page reloaded", Boolean.TRUE,
                browser.driver().executeScript("return window.notReloaded === true;"));
    }

    @Test
    public void aScriptValueShowsAsText() {
        String script = "<script>alert(1)</script>";
        write("/itest/web/xss/loaded", script);
        browser.logIn(KarafWithWebPage.VIEWER, KarafWithWebPage.VIEWER);
        page.open("/itest/web/xss");
        assertEquals(lsLine("/itest/web/xss", "loaded"), page.line("/itest/web/xss/loaded"));
        // Through a live change too, which renders the row anew.
        write("/itest/web/xss/live", "<img src=x onerror=alert(2)>" + script);
        assertEquals(lsLine("/itest/web/xss", "live"), page.line("/itest/web/xss/live"));
        page.click("/itest/web/xss/loaded");
        assertTrue(page.text("#detail"), page.text("#detail").contains(script));
        assertFalse("a dialog opened", browser.dialogOpen());
        assertEquals("an element from a value", 0,
                browser.driver().findElements(By.cssSelector("#tree script, #tree img, #detail script")).size());
    }

    @Test
    public void aValueWithControlBytesShowsEscaped() {
        write("/itest/web/control/bytes", "a\u0001b\u001bc\u007fd");
        browser.logIn(KarafWithWebPage.VIEWER, KarafWithWebPage.VIEWER);
        page.open("/itest/web/control");
        // As xenstore-ls prints it; such a value is binary to the page, which says so.
        assertEquals(lsLine("/itest/web/control", "bytes") + " (binary)",
                page.line("/itest/web/control/bytes"));
        assertFalse("a dialog opened", browser.dialogOpen());
    }

    @Test
    public void aViewerCannotWrite() {
        write("/itest/web/viewer/node", "before");
        String listed = daemon().xenstoreCli("xenstore-ls", "-p", "/itest/web/viewer");
        browser.logIn(KarafWithWebPage.VIEWER, KarafWithWebPage.VIEWER);
        page.open("/itest/web/viewer");
        assertFalse("the viewer sees the form", browser.driver().findElement(By.id("edit")).isDisplayed());
        // What the page does not offer, sent anyway with the viewer's own token: the server refuses it.
        for (Map.Entry<String, Map<String, String>> change : List.of(
                Map.entry("write", Map.of("path", "/itest/web/viewer/node", "value", "changed")),
                Map.entry("rm", Map.of("path", "/itest/web/viewer/node")),
                Map.entry("chmod", Map.of("path", "/itest/web/viewer/node", "perms", "b0")))) {
            XenStorePage.Answer answer = page.post(change.getKey(), change.getValue(), true);
            assertEquals(change.getKey() + ": " + answer, 403, answer.status());
            assertTrue(answer.body(), answer.body().contains("EACCES: the admin role is needed"));
        }
        // The node, its value and its permissions, as the daemon lists them: unchanged.
        assertEquals(listed, daemon().xenstoreCli("xenstore-ls", "-p", "/itest/web/viewer"));
    }

    @Test
    public void anAdminWrites() {
        write("/itest/web/admin/node", "before");
        browser.logIn(KarafWithWebPage.ADMIN, KarafWithWebPage.ADMIN);
        page.open("/itest/web/admin");
        assertEquals("karaf (admin)", page.text("#user"));
        page.click("/itest/web/admin/node");
        WebElement value = browser.driver().findElement(By.id("edit-value"));
        value.clear();
        value.sendKeys("typed in the page");
        browser.driver().findElement(By.id("do-write")).click();
        browser.waitFor("write: done", XenStorePage.LOADED, () -> page.text("#edit-result").equals("write: done"));
        assertEquals("typed in the page", daemon().xenstoreCli("xenstore-read", "/itest/web/admin/node"));
        browser.waitFor("the written value", XenStorePage.LOADED,
                () -> page.line("/itest/web/admin/node").equals("node = \"typed in the page\""));
    }

    @Test
    public void aWriteWithoutTheTokenIsRefused() {
        write("/itest/web/token/node", "before");
        browser.logIn(KarafWithWebPage.ADMIN, KarafWithWebPage.ADMIN);
        page.open("/itest/web/token");
        XenStorePage.Answer answer = page.post("write", Map.of("path", "/itest/web/token/node", "value", "x"), false);
        assertEquals(answer.toString(), 403, answer.status());
        assertTrue(answer.body(), answer.body().contains("EACCES: a change needs the page's token"));
        assertEquals("before", daemon().xenstoreCli("xenstore-read", "/itest/web/token/node"));
        // The same request with the token passes: the token, not the rest, was missing.
        assertEquals(200, page.post("write", Map.of("path", "/itest/web/token/node", "value", "x"), true).status());
        assertEquals("x", daemon().xenstoreCli("xenstore-read", "/itest/web/token/node"));
    }

    @Test
    public void aFloodOf20000WritesLeavesThePageResponsiveAndTheHeapBounded() throws Exception {
        String top = "/itest/web/flood";
        String deep = top + "/" + LONG_NAME;
        write(deep + "/start", "x");
        browser.logIn(KarafWithWebPage.VIEWER, KarafWithWebPage.VIEWER);
        page.open(top);
        page.expand(deep);
        browser.waitFor("live", XenStorePage.LOADED, () -> page.text("#status").equals("live"));
        // Every text the status line shows, however briefly (a reload's notice gives way to "live").
        browser.driver().executeScript("window.statusShown = [];"
                + " new MutationObserver(() => statusShown.push(document.getElementById('status').textContent))"
                + ".observe(document.getElementById('status'),"
                + " {childList: true, characterData: true, subtree: true});");
        long before = karaf().usedHeapAfterGc();
        // A plain watcher of the same subtree outside Karaf: when the daemon itself delivers the fresh write's event
        // to a connection that was sent the flood's 20,000 events too, which the page is measured against.
        CompletableFuture<Long> seenOutside = new CompletableFuture<>();
        try (Client outside = Client.unixSocket(daemon().socketPath().toString());
                Monitor watcher = outside.monitor(event -> {
                    if (event.path().equals(top + "/fresh")) {
                        seenOutside.complete(System.nanoTime());
                    }
                })) {
            watcher.watch(top, "outside");
            floodAndCheck(top, deep, before, seenOutside);
        }
        // Removing the 20,000 nodes took C xenstored longer than xenstore-rm's 30 s here.
        try (Client remover = Client.builder().unixSocket(daemon().socketPath())
                .requestTimeout(Duration.ofMinutes(2)).build()) {
            remover.delete(top);
        }
    }

    private void floodAndCheck(String top, String deep, long before, CompletableFuture<Long> seenOutside)
            throws Exception {
        long started = System.nanoTime();
        try (Client writer = Client.unixSocket(daemon().socketPath().toString())) {
            for (int written = 0; written < FLOOD_WRITES;) {
                List<CompletableFuture<Void>> batch = new ArrayList<>();
                for (int i = 0; i < 256 && written < FLOOD_WRITES; i++, written++) {
                    // At most 100 children per node: the C daemon slows down as one node's children grow.
                    batch.add(writer.async().write(deep + "/" + written / 100 + "/n" + written % 100, "x"));
                }
                batch.forEach(CompletableFuture::join);
            }
        }
        Duration flood = Duration.ofNanos(System.nanoTime() - started);
        long after = karaf().usedHeapAfterGc();
        long grown = after - before;
        System.out.printf("%s: %d writes in %d ms, the container's heap %d KB -> %d KB (%+d KB)%n", daemon(),
                FLOOD_WRITES, flood.toMillis(), before / 1024, after / 1024, grown / 1024);
        assertTrue("the container's heap grew by " + grown / 1024 + " KB in the flood (bound "
                + HEAP_BOUND_BYTES / 1024 + " KB)", grown < HEAP_BOUND_BYTES);
        // Responsive: a fresh write right after the flood shows (at the top, which a reload shows too) within
        // FLOOD_LAG of the daemon's delivering its event to the plain watcher, then a click opens a folder of the
        // flood. The wait is far longer than the assertion, so that a failure says how far behind the page was.
        long fresh = System.nanoTime();
        write(top + "/fresh", "after the flood");
        browser.waitFor("the fresh write", XenStorePage.LOADED.multipliedBy(3), () -> page.shows(top + "/fresh"));
        Duration took = Duration.ofNanos(System.nanoTime() - fresh);
        Duration daemonTook = Duration.ofNanos(seenOutside.get(3, TimeUnit.MINUTES) - fresh);
        System.out.printf("%s: a write right after the flood showed after %d ms (a plain watcher's event after %d ms);"
                + " the status line showed %s%n", daemon(), took.toMillis(), daemonTook.toMillis(),
                browser.driver().executeScript("return statusShown;"));
        assertTrue("right after the flood, the page showed the fresh write after " + took + ", the daemon's event"
                + " reached a plain watcher after " + daemonTook, took.compareTo(daemonTook.plus(FLOOD_LAG)) <= 0);
        awaitQuiet();
        String last = deep + "/" + (FLOOD_WRITES - 1) / 100;
        if (!page.shows(last)) {
            page.expand(deep); // closed by a reload
        }
        page.expand(last);
        assertTrue(page.shows(last + "/n99"));
    }

    /** Waits until the page has shown no reload for two seconds and follows changes live. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + XenStorePage.LOADED.multipliedBy(3).toNanos();
        long seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long shown = (Long) browser.driver().executeScript("return statusShown.length;");
            if (shown != seen) {
                seen = shown;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()
                    && page.text("#status").equals("live")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page did not settle after the flood: " + browser.bodyText());
    }

    /** The line of a child as {@code xenstore-ls} prints it: {@code name = "escaped value"}. */
    private String lsLine(String parent, String name) {
        return daemon().xenstoreCli("xenstore-ls", parent).lines().filter(line -> line.startsWith(name + " = "))
                .findFirst().orElseThrow(() -> new AssertionError("xenstore-ls " + parent + " lists no " + name));
    }

    private void write(String path, String value) {
        daemon().xenstoreCli("xenstore-write", path, value);
    }

    private XenStoreDaemon daemon() {
        return karaf().daemon();
    }
}
