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

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The jxs page ({@code /jxs/index.html}) in a {@link HeadlessChromium}: what a user does on it (open a prefix, click
 * a node's row) and what a test reads from it (a row's text, the detail pane, the status line), each waiting until
 * the page has rendered it. Nodes are found by their path ({@code li[data-path]}).
 */
public final class XenStorePage {
    /** How long the page may take to load or render something that is not a live change. */
    public static final Duration LOADED = Duration.ofSeconds(20);

    private final HeadlessChromium browser;
    private final URI base;

    /**
     * Binds the page of one server to a browser.
     *
     * @param browser the browser
     * @param base the page's folder, e.g. {@code http://127.0.0.1:8181/jxs/}
     * @throws IllegalArgumentException when {@code base} does not end with a slash
     */
    public XenStorePage(HeadlessChromium browser, URI base) {
        if (!base.getPath().endsWith("/")) {
            throw new IllegalArgumentException("the page's folder must end with /: " + base);
        }
        this.browser = browser;
        this.base = base;
    }

    /**
     * Opens the page on a path prefix (as {@code ?path=} does) and waits until it shows that node's row and who is
     * logged in.
     *
     * @param prefix the node shown at the top (a prefix of names shows the matching siblings)
     * @throws AssertionError when the page does not show it within {@link #LOADED}
     */
    public void open(String prefix) {
        browser.open(base.resolve("index.html?path=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)));
        browser.waitFor("who is logged in", LOADED, () -> !text("#user").isEmpty());
        browser.waitFor("the tree", LOADED, () -> !browser.driver().findElements(By.cssSelector("#tree li")).isEmpty());
    }

    /**
     * A node's row (name, escaped value, state name), once it is on the page.
     *
     * @param path the node's path
     * @return its row
     * @throws AssertionError when it is not shown within {@link #LOADED}
     */
    public WebElement row(String path) {
        WebElement[] found = new WebElement[1];
        browser.waitFor("the row of " + path, LOADED, () -> {
            List<WebElement> rows = browser.driver().findElements(By.cssSelector(rowSelector(path)));
            found[0] = rows.isEmpty() || rows.get(0).getText().isBlank() ? null : rows.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    /**
     * A node's row as text, without its open or closed mark: {@code name = "escaped value"}, then its XenbusState
     * name or {@code (binary)} when it has one; as {@code xenstore-ls} prints a child, for a plain value.
     *
     * @param path the node's path
     * @return the row's text
     * @throws AssertionError when it is not shown within {@link #LOADED}
     */
    public String line(String path) {
        return row(path).getText().replaceFirst("^[\u25b8\u25be]?\\s*", "");
    }

    /**
     * Tells whether a node's row is on the page now, without waiting.
     *
     * @param path the node's path
     * @return true when it is shown
     */
    public boolean shows(String path) {
        return !browser.driver().findElements(By.cssSelector(rowSelector(path))).isEmpty();
    }

    /**
     * Clicks a node's row once it is on the page: selects it, and opens or closes it.
     *
     * @param path the node's path
     */
    public void click(String path) {
        browser.waitFor("a click on " + path, LOADED, () -> {
            row(path).click();
            return true;
        });
    }

    /**
     * Clicks a closed node with children open and waits until its children are listed.
     *
     * @param path the node's path
     * @throws AssertionError when no child shows within {@link #LOADED}
     */
    public void expand(String path) {
        click(path);
        browser.waitFor(path + " open", LOADED, () -> !browser.driver().findElements(
                By.cssSelector("li[data-path='" + path + "'].open > ul > li")).isEmpty());
    }

    /**
     * Tells whether a node's row carries a class, such as {@code changed} (highlighted by a live change) or
     * {@code selected}.
     *
     * @param path the node's path
     * @param name the class
     * @return true when the row has it
     */
    public boolean marked(String path, String name) {
        return List.of(row(path).getAttribute("class").split("\\s+")).contains(name);
    }

    /**
     * The text of the first element a CSS selector finds: {@code #detail} (the selected node), {@code #status}
     * (the live state and notices), {@code #user}, {@code #tree}, {@code #edit-result}.
     *
     * @param selector the CSS selector
     * @return its text as shown
     */
    public String text(String selector) {
        return browser.driver().findElement(By.cssSelector(selector)).getText();
    }

    /**
     * Sends a change to the page's API from the page itself (its origin, its login), as its form would, with or
     * without the page's CSRF token, and returns the server's answer.
     *
     * @param operation {@code write}, {@code rm} or {@code chmod}
     * @param fields the form fields ({@code path}, {@code value}, {@code perms})
     * @param withToken whether the request carries the page's token in its header
     * @return the HTTP status and the body
     */
    public Answer post(String operation, Map<String, String> fields, boolean withToken) {
        @SuppressWarnings("unchecked")
        List<Object> answer = (List<Object>) browser.driver().executeAsyncScript(
                "const [operation, fields, withToken, done] = arguments;"
                + " fetch('api/' + operation, {method: 'POST', headers: withToken ? {'X-Jxs-Csrf': me.csrf} : {},"
                + " body: new URLSearchParams(fields)})"
                + ".then(response => response.text().then(body => done([response.status, body])),"
                + " error => done([0, String(error)]));", operation, fields, withToken);
        return new Answer(((Number) answer.get(0)).intValue(), (String) answer.get(1));
    }

    /**
     * The server's answer to a change sent by {@link #post}.
     *
     * @param status the HTTP status (0 when the request failed without one)
     * @param body the body: {@code {"ok":true}}, or {@code {"error": "EACCES: ..."}} with the shell's words
     */
    public record Answer(int status, String body) {
    }

    private static String rowSelector(String path) {
        return "li[data-path='" + path + "'] > .node";
    }
}
