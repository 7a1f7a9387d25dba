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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.json.Json;

/**
 * The page's HTTP API in the started distribution, with the JDK's HTTP client: HTTP Basic login against Karaf's
 * JAAS realm (the shipped users karaf, an admin, and viewer), reads for the viewer, writes for the admin with the
 * CSRF token only, the shell's error words, Server-Sent Events of a write, the traffic trace (viewers read and export
 * it, admins switch it with the token; its records and JSON lines parsed by Selenium's JSON reader), and a listener
 * on 127.0.0.1 only.
 * Nodes are written and read back through {@code bin/client}, the other way into the same store.
 */
@ExtendWith(DistributionExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebApiIT {
    private static final String CSRF_HEADER = "X-Jxs-Csrf";
    private static final Json JSON = new Json();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void withoutCredentialsEverythingAsksForThem(StartedDistribution distribution) throws Exception {
        for (String path : List.of("/jxs/index.html", "/jxs/app.js", "/jxs/api/whoami", "/jxs/api/node?path=/")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(distribution.url(path)));
            assertEquals(401, response.statusCode(), path);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "), path);
        }
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(distribution.url("/jxs/api/whoami"))
                .header("Authorization", basic(StartedDistribution.VIEWER, "wrong")));
        assertEquals(401, wrong.statusCode());
    }

    @Test
    void theViewerReadsThePageAndANodeWrittenThroughTheShell(StartedDistribution distribution) throws Exception {
        distribution.clientOk("xenstore:write /web-api/read hello\nxenstore:chmod /web-api/read n0 r5");

        HttpResponse<String> page = get(distribution, StartedDistribution.VIEWER, "/jxs/index.html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>jxs — XenStore</title>"), page.body());
        HttpResponse<String> whoami = get(distribution, StartedDistribution.VIEWER, "/jxs/api/whoami");
        assertEquals(200, whoami.statusCode());
        assertTrue(whoami.body().contains("\"user\":\"viewer\",\"admin\":false"), whoami.body());

        HttpResponse<String> node = get(distribution, StartedDistribution.VIEWER, "/jxs/api/node?path=/web-api/read");
        assertEquals(200, node.statusCode(), node.body());
        assertTrue(node.body().contains("\"value\":\"hello\""), node.body());
        assertTrue(node.body().contains("\"perms\":[\"n0\",\"r5\"]"), node.body());
        assertTrue(node.body().contains("\"permissions\":\"owner dom0, others none, dom5 read\""), node.body());
    }

    @Test
    void theViewersWriteIsRefusedByTheServer(StartedDistribution distribution) throws Exception {
        distribution.clientOk("xenstore:write /web-api/viewer before");
        String token = csrf(distribution, StartedDistribution.VIEWER);
        HttpResponse<String> write = post(distribution, StartedDistribution.VIEWER, token, "write",
                Map.of("path", "/web-api/viewer", "value", "after"));
        assertEquals(403, write.statusCode());
        assertEquals("{\"error\":\"EACCES: the admin role is needed to change XenStore\"}", write.body());
        assertEquals("before", distribution.clientOk("xenstore:read /web-api/viewer").strip());
    }

    @Test
    void theAdminsWriteNeedsTheCsrfToken(StartedDistribution distribution) throws Exception {
        Map<String, String> form = Map.of("path", "/web-api/admin", "value", "from the page");
        HttpResponse<String> without = post(distribution, StartedDistribution.ADMIN, null, "write", form);
        assertEquals(403, without.statusCode());
        assertTrue(without.body().contains("EACCES: a change needs the page's token"), without.body());
        HttpResponse<String> wrong = post(distribution, StartedDistribution.ADMIN, "not-the-token", "write", form);
        assertEquals(403, wrong.statusCode());
        assertEquals(404, get(distribution, StartedDistribution.ADMIN, "/jxs/api/node?path=/web-api/admin")
                .statusCode(), "written without the token");

        String token = csrf(distribution, StartedDistribution.ADMIN);
        HttpResponse<String> with = post(distribution, StartedDistribution.ADMIN, token, "write", form);
        assertEquals(200, with.statusCode(), with.body());
        HttpResponse<String> chmod = post(distribution, StartedDistribution.ADMIN, token, "chmod",
                Map.of("path", "/web-api/admin", "perms", "b0 r7"));
        assertEquals(200, chmod.statusCode(), chmod.body());
        String shell = distribution.clientOk("xenstore:read /web-api/admin\nxenstore:perms /web-api/admin");
        assertTrue(shell.contains("from the page") && shell.contains("r7"), shell);

        HttpResponse<String> rm = post(distribution, StartedDistribution.ADMIN, token, "rm",
                Map.of("path", "/web-api/admin"));
        assertEquals(200, rm.statusCode(), rm.body());
        assertEquals(404, get(distribution, StartedDistribution.ADMIN, "/jxs/api/node?path=/web-api/admin")
                .statusCode(), "not removed");
    }

    @Test
    void badInputGetsTheShellsErrorWords(StartedDistribution distribution) throws Exception {
        String token = csrf(distribution, StartedDistribution.ADMIN);
        HttpResponse<String> perms = post(distribution, StartedDistribution.ADMIN, token, "chmod",
                Map.of("path", "/", "perms", "q7"));
        HttpResponse<String> path = post(distribution, StartedDistribution.ADMIN, token, "write",
                Map.of("path", "/web-api/a//b", "value", "x"));
        HttpResponse<String> missing = get(distribution, StartedDistribution.ADMIN,
                "/jxs/api/node?path=/web-api/missing");
        assertEquals(List.of(400, 400, 404), List.of(perms.statusCode(), path.statusCode(), missing.statusCode()));

        // The same through the shell, the three consoles at once (each is a JVM that takes seconds to start).
        CompletableFuture<Processes.Result> chmod = shell(distribution, "xenstore:chmod / q7");
        CompletableFuture<Processes.Result> write = shell(distribution, "xenstore:write /web-api/a//b x");
        CompletableFuture<Processes.Result> read = shell(distribution, "xenstore:read /web-api/missing");
        assertSameWords(perms.body(), chmod.get(), "EINVAL: ");
        assertSameWords(path.body(), write.get(), "EINVAL: ");
        assertSameWords(missing.body(), read.get(), "ENOENT: ");
    }

    @Test
    void anEventStreamDeliversTheEventOfAWrite(StartedDistribution distribution) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(distribution.url("/jxs/api/events?path=/web-api/live"))
                .header("Authorization", basic(StartedDistribution.VIEWER, StartedDistribution.VIEWER)).build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            Iterator<String> stream = lines.iterator();
            assertEquals(": watching", stream.next());
            // The watch's first event comes at once; after it, the write's.
            assertEquals(List.of("event: change", "data: {\"path\":\"/web-api/live\"}"), nextEvent(stream));
            distribution.clientOk("xenstore:write /web-api/live/child 1");
            assertEquals(List.of("event: change", "data: {\"path\":\"/web-api/live/child\"}"), nextEvent(stream));
        }
    }

    @Test
    void theViewerReadsTheTraceButItsSwitchIsRefusedByTheServer(StartedDistribution distribution) throws Exception {
        boolean on = traceOn(distribution, StartedDistribution.VIEWER);
        String token = csrf(distribution, StartedDistribution.VIEWER);
        for (String operation : List.of("trace/on", "trace/off")) {
            HttpResponse<String> refused = post(distribution, StartedDistribution.VIEWER, token, operation, Map.of());
            assertEquals(403, refused.statusCode(), operation);
            assertEquals("{\"error\":\"EACCES: the admin role is needed to change XenStore\"}", refused.body());
        }
        assertEquals(on, traceOn(distribution, StartedDistribution.VIEWER), "the viewer switched the trace");
        // As over JMX (traceJsonLines = viewer), a viewer exports.
        assertEquals(200, get(distribution, StartedDistribution.VIEWER, "/jxs/api/trace/export").statusCode());
    }

    @Test
    void switchingTheTraceNeedsTheCsrfToken(StartedDistribution distribution) throws Exception {
        boolean on = traceOn(distribution, StartedDistribution.ADMIN);
        String operation = on ? "trace/off" : "trace/on";
        for (String token : java.util.Arrays.asList(null, "not-the-token")) {
            HttpResponse<String> refused = post(distribution, StartedDistribution.ADMIN, token, operation, Map.of());
            assertEquals(403, refused.statusCode(), refused.body());
            assertEquals("{\"error\":\"EACCES: a change needs the page's token in the X-Jxs-Csrf header\"}",
                    refused.body());
        }
        assertEquals(on, traceOn(distribution, StartedDistribution.ADMIN), "switched without the token");
    }

    @Test
    void theAdminTracesTheWritesOfThePageAndExportsThemAsJsonLines(StartedDistribution distribution)
            throws Exception {
        String token = csrf(distribution, StartedDistribution.ADMIN);
        HttpResponse<String> none = post(distribution, StartedDistribution.ADMIN, token, "trace/on",
                Map.of("capacity", "0"));
        assertEquals(400, none.statusCode());
        assertEquals("{\"error\":\"EINVAL: capacity must be between 1 and 1048576: 0\"}", none.body());

        HttpResponse<String> on = post(distribution, StartedDistribution.ADMIN, token, "trace/on",
                Map.of("capacity", "100"));
        assertEquals("{\"ok\":true,\"on\":true}", on.body());
        assertEquals(200, post(distribution, StartedDistribution.ADMIN, token, "write",
                Map.of("path", "/web-api/traced", "value", "seen")).statusCode());
        assertEquals(404, get(distribution, StartedDistribution.ADMIN, "/jxs/api/node?path=/web-api/untraced")
                .statusCode());

        Map<String, Object> view = JSON.toType(get(distribution, StartedDistribution.VIEWER,
                "/jxs/api/trace?count=100").body(), Json.MAP_TYPE);
        assertEquals(true, view.get("on"));
        List<Map<String, Object>> records = records(view);
        Map<String, Object> write = only(records, "WRITE", "/web-api/traced");
        assertEquals("", write.get("error"));
        assertTrue((Long) write.get("latencyNanos") > 0, write.toString());
        assertTrue(String.valueOf(write.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                write.toString());
        assertEquals("ENOENT", only(records, "READ", "/web-api/untraced").get("error"));

        HttpResponse<String> export = get(distribution, StartedDistribution.ADMIN, "/jxs/api/trace/export");
        assertEquals(200, export.statusCode());
        assertEquals("attachment; filename=\"jxs-trace.jsonl\"",
                export.headers().firstValue("Content-Disposition").orElse(""));
        List<Map<String, Object>> lines = export.body().lines()
                .map(line -> JSON.<Map<String, Object>>toType(line, Json.MAP_TYPE)).toList();
        Map<String, Object> exported = only(lines, "WRITE", "/web-api/traced");
        assertEquals(List.of("error", "latencyNanos", "op", "path", "time", "tx"),
                exported.keySet().stream().sorted().toList());
        assertTrue((Long) exported.get("latencyNanos") > 0, exported.toString());

        HttpResponse<String> off = post(distribution, StartedDistribution.ADMIN, token, "trace/off", Map.of());
        assertEquals("{\"ok\":true,\"on\":false}", off.body());
        distribution.clientOk("xenstore:write /web-api/after-the-trace x");
        Map<String, Object> after = JSON.toType(get(distribution, StartedDistribution.ADMIN,
                "/jxs/api/trace?count=100").body(), Json.MAP_TYPE);
        assertEquals(false, after.get("on"));
        assertTrue(records(after).stream().noneMatch(r -> "/web-api/after-the-trace".equals(r.get("path"))),
                after.toString());
        only(records(after), "WRITE", "/web-api/traced");
    }

    @Test
    void theHttpServiceListensOn127001Only(StartedDistribution distribution) throws Exception {
        int port = distribution.httpPort();
        Processes.Result ss = Processes.run(Map.of("PATH", System.getenv("PATH")), Path.of("."),
                Duration.ofSeconds(10), "ss", "-Hltn", "sport = :" + port);
        assertEquals(0, ss.exit(), ss.output());
        // A Java listener on 127.0.0.1 may show as an IPv6 socket bound to the IPv4-mapped address.
        List<String> local = ss.output().lines().map(line -> line.trim().split("\\s+")[3])
                .map(address -> address.replace("[::ffff:127.0.0.1]", "127.0.0.1")).toList();
        assertEquals(List.of("127.0.0.1:" + port), local, ss.output());

        List<InetAddress> others = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .collect(Collectors.toList());
        for (InetAddress address : others) {
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 5000);
                }
            }, "the HTTP service answers on " + address);
        }
    }

    private boolean traceOn(StartedDistribution distribution, String user) throws Exception {
        HttpResponse<String> trace = get(distribution, user, "/jxs/api/trace");
        assertEquals(200, trace.statusCode(), trace.body());
        return (Boolean) JSON.<Map<String, Object>>toType(trace.body(), Json.MAP_TYPE).get("on");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("records");
    }

    /** The one record of an operation on a path. */
    private static Map<String, Object> only(List<Map<String, Object>> records, String op, String path) {
        List<Map<String, Object>> found = records.stream()
                .filter(r -> op.equals(r.get("op")) && path.equals(r.get("path"))).toList();
        assertEquals(1, found.size(), op + " " + path + " in " + records);
        return found.get(0);
    }

    private static CompletableFuture<Processes.Result> shell(StartedDistribution distribution, String command) {
        return CompletableFuture.supplyAsync(() -> distribution.client(command));
    }

    /** The API's {@code {"error": ...}} is the shell's error line for the same command, which failed. */
    private static void assertSameWords(String body, Processes.Result shell, String word) {
        Matcher error = Pattern.compile("^\\{\"error\":\"(.*)\"\\}$").matcher(body);
        assertTrue(error.matches(), body);
        String words = error.group(1).replace("\\\"", "\"");
        assertTrue(words.startsWith(word), words);
        assertEquals(1, shell.exit(), shell.output());
        assertTrue(shell.output().contains(words), "the shell said\n" + shell.output() + "\nthe page: " + words);
    }

    /** The lines of the next event of a stream, its keep-alive comments skipped, within 10 seconds. */
    private static List<String> nextEvent(Iterator<String> stream) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            List<String> event = new java.util.ArrayList<>();
            while (stream.hasNext()) {
                String line = stream.next();
                if (line.isEmpty() && !event.isEmpty()) {
                    return event;
                }
                if (!line.isEmpty() && !line.startsWith(":")) {
                    event.add(line);
                }
            }
            return event;
        }).get(10, TimeUnit.SECONDS);
    }

    private String csrf(StartedDistribution distribution, String user) throws Exception {
        HttpResponse<String> whoami = get(distribution, user, "/jxs/api/whoami");
        assertEquals(200, whoami.statusCode(), whoami.body());
        Matcher token = Pattern.compile("\"csrf\":\"([^\"]+)\"").matcher(whoami.body());
        assertTrue(token.find(), whoami.body());
        return token.group(1);
    }

    private HttpResponse<String> get(StartedDistribution distribution, String user, String path) throws Exception {
        return send(HttpRequest.newBuilder(distribution.url(path)).header("Authorization", basic(user, user)));
    }

    private HttpResponse<String> post(StartedDistribution distribution, String user, String token, String operation,
            Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(distribution.url("/jxs/api/" + operation))
                .header("Authorization", basic(user, user))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header(CSRF_HEADER, token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
