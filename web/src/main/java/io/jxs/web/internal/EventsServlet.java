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
package io.jxs.web.internal;

import io.jxs.Monitor;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /jxs/api/events?path=...}: the changes below the paths a page shows, as Server-Sent Events, from one
 * {@link Monitor} per client: {@code change} events carrying {@code {"path": ...}}, and one {@code reload} event
 * when more than {@link #MAX_QUEUED} changes wait for a client (see {@link ChangeQueue}). At most
 * {@link #MAX_STREAMS} clients at once, each holding one request thread of the HTTP service; a comment every
 * {@link #KEEPALIVE_SECONDS} seconds finds clients that went away.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WebContext.SELECT)
@HttpWhiteboardServletName("io.jxs.web.events")
@HttpWhiteboardServletPattern("/api/events")
public class EventsServlet extends HttpServlet {
    /** The most changes that wait for one client. */
    static final int MAX_QUEUED = 1000;
    /** The most clients at once. */
    static final int MAX_STREAMS = 16;
    /** The most paths one client watches. */
    static final int MAX_PATHS = 16;
    static final long KEEPALIVE_SECONDS = 15;
    private static final long serialVersionUID = 1L;
    private static final String TOKEN = "jxs-web";

    private final transient Semaphore streams = new Semaphore(MAX_STREAMS);
    private volatile boolean stopped;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile XenStore store;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] paths = request.getParameterValues("path");
        if (paths == null || paths.length == 0 || paths.length > MAX_PATHS) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "EINVAL: give 1 to " + MAX_PATHS + " paths");
            return;
        }
        XenStore current = store;
        if (current == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "not connected to XenStore");
            return;
        }
        if (!streams.tryAcquire()) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "already " + MAX_STREAMS + " pages follow changes");
            return;
        }
        try {
            stream(current, paths, response);
        } catch (XenStoreException e) {
            if (!response.isCommitted()) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }

    private void stream(XenStore current, String[] paths, HttpServletResponse response)
            throws IOException, InterruptedException {
        ChangeQueue changes = new ChangeQueue(MAX_QUEUED);
        try (Monitor monitor = current.monitor(changes::offer)) {
            for (String path : paths) {
                monitor.watch(path, TOKEN);
            }
            response.setContentType("text/event-stream;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            PrintWriter out = response.getWriter();
            out.write(": watching\n\n");
            out.flush();
            while (!stopped && !out.checkError()) {
                String path = changes.take(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (path == null) {
                    out.write(": alive\n\n");
                } else if (path.equals(ChangeQueue.RELOAD)) {
                    out.write("event: reload\ndata: {}\n\n");
                } else {
                    out.write("event: change\ndata: {\"path\":" + Json.quote(path) + "}\n\n");
                }
                out.flush();
            }
        }
    }

    /** Ends every stream at its next change or keep-alive. */
    @Deactivate
    void deactivate() {
        stopped = true;
    }
}
