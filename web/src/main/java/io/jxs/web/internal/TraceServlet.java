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

import io.jxs.Trace;
import io.jxs.management.XenStoreMBean;
import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The traffic trace of the container's connection under {@code /jxs/api/trace}, through the container's
 * {@link XenStoreMBean} as the shell's {@code xenstore:trace} and JMX use it. Viewers read: {@code GET trace?count=N}
 * (the state and the newest N records, {@link TraceView}) and {@code GET trace/export} (every record kept, as JSON
 * lines, as the MBean's {@code traceJsonLines}, which JMX also allows viewers). Admins switch it with their CSRF token:
 * {@code POST trace/on} (form field {@code capacity}, {@value #DEFAULT_CAPACITY} records unless given) and
 * {@code POST trace/off}. Refusals are the API's ({@link Replies}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WebContext.SELECT)
@HttpWhiteboardServletName("io.jxs.web.trace")
@HttpWhiteboardServletPattern("/api/trace/*")
public class TraceServlet extends HttpServlet {
    /** How many records {@code POST trace/on} keeps unless told otherwise: as {@code xenstore:trace on}. */
    static final int DEFAULT_CAPACITY = 10_000;
    /** How many of the newest records {@code GET trace} returns unless told otherwise. */
    static final int DEFAULT_COUNT = 50;
    /** The most records {@code GET trace} returns. */
    static final int MAX_COUNT = 1000;
    /** The file name the export is offered under. */
    static final String EXPORT_FILE = "jxs-trace.jsonl";
    private static final long serialVersionUID = 1L;
    private static final String INACTIVE = "the jxs component is not active: see scr:list and karaf.log";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile XenStoreMBean management;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        XenStoreMBean current = activeOrRefused(response);
        if (current == null) {
            return;
        }
        try {
            switch (operation(request)) {
                case "" -> Replies.send(response, HttpServletResponse.SC_OK, TraceView.read(current,
                        number("count", request.getParameter("count"), DEFAULT_COUNT, MAX_COUNT)).toJson());
                case "/export" -> export(current, response);
                default -> Replies.refuse(response, HttpServletResponse.SC_NOT_FOUND,
                        "no such operation: trace" + operation(request));
            }
        } catch (IllegalArgumentException e) {
            Replies.refuse(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Replies.refusedChange(request, response)) {
            return;
        }
        XenStoreMBean current = activeOrRefused(response);
        if (current == null) {
            return;
        }
        try {
            switch (operation(request)) {
                case "/on" -> current.traceStart(number("capacity", request.getParameter("capacity"),
                        DEFAULT_CAPACITY, Trace.MAX_CAPACITY));
                case "/off" -> current.traceStop();
                default -> {
                    Replies.refuse(response, HttpServletResponse.SC_NOT_FOUND,
                            "no such operation: trace" + operation(request));
                    return;
                }
            }
            Replies.send(response, HttpServletResponse.SC_OK, "{\"ok\":true,\"on\":" + current.isTracing() + "}");
        } catch (IllegalArgumentException e) {
            // The MBean's words start with EINVAL already, as do number's.
            Replies.refuse(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    /** The container's MBean, or null after answering 503 while the jxs component is not active. */
    private XenStoreMBean activeOrRefused(HttpServletResponse response) throws IOException {
        XenStoreMBean current = management;
        if (current == null) {
            Replies.refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, INACTIVE);
        }
        return current;
    }

    /** Sends every record kept, at most the trace's capacity of lines: the ring buffer bounds the body. */
    private static void export(XenStoreMBean current, HttpServletResponse response) throws IOException {
        String lines = current.traceJsonLines(0);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/x-ndjson;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + EXPORT_FILE + "\"");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(lines);
    }

    private static String operation(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null || info.equals("/") ? "" : info;
    }

    /**
     * Reads a positive whole number parameter.
     *
     * @param name the parameter's name, for the error
     * @param value its value, or null when absent
     * @param absent the number when it is absent
     * @param max the largest number taken
     * @return the number
     * @throws IllegalArgumentException when the value is not a whole number from 1 to {@code max}, with the words
     *     {@code EINVAL: ...}
     */
    static int number(String name, String value, int absent, int max) {
        if (value == null) {
            return absent;
        }
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EINVAL: " + name + " must be a whole number: " + value);
        }
        if (number < 1 || number > max) {
            throw new IllegalArgumentException("EINVAL: " + name + " must be between 1 and " + max + ": " + number);
        }
        return number;
    }
}
