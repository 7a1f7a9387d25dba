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

import io.jxs.Permission;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
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
 * The page's JSON API under {@code /jxs/api/}, on the container's shared {@link XenStore} service. Reads
 * ({@code GET whoami, node?path=, domains, export?path=&format=ls|json}) need the viewer role; writes
 * ({@code POST write, rm, chmod} with form fields {@code path}, {@code value}, {@code perms}) need the admin role
 * and the user's CSRF token in the {@value WebUser#CSRF_HEADER} header. A refusal is a JSON object
 * {@code {"error": "ENOENT: /x"}} with the shell's words. The traffic trace's operations are {@link TraceServlet}'s.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WebContext.SELECT)
@HttpWhiteboardServletName("io.jxs.web.api")
@HttpWhiteboardServletPattern("/api/*")
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile XenStore store;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebUser user = (WebUser) request.getAttribute(WebUser.ATTRIBUTE);
        String operation = String.valueOf(request.getPathInfo());
        if ("/whoami".equals(operation)) {
            Replies.send(response, HttpServletResponse.SC_OK, user.toJson());
            return;
        }
        XenStore current = store;
        if (current == null) {
            Replies.refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "not connected to XenStore");
            return;
        }
        try {
            switch (operation) {
                case "/node" -> Replies.send(response, HttpServletResponse.SC_OK,
                        NodeView.read(current, required(request, "path")).toJson());
                case "/domains" -> Replies.send(response, HttpServletResponse.SC_OK, DomainsView.toJson(current));
                case "/export" -> export(request, response, current);
                default -> Replies.refuse(response, HttpServletResponse.SC_NOT_FOUND,
                        "no such operation: " + operation);
            }
        } catch (XenStoreException e) {
            Replies.refuse(response, status(e), e.describe());
        } catch (IllegalArgumentException e) {
            Replies.refuse(response, HttpServletResponse.SC_BAD_REQUEST, "EINVAL: " + e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Replies.refusedChange(request, response)) {
            return;
        }
        XenStore current = store;
        if (current == null) {
            Replies.refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "not connected to XenStore");
            return;
        }
        String operation = String.valueOf(request.getPathInfo());
        try {
            String path = required(request, "path");
            switch (operation) {
                case "/write" -> current.write(path, required(request, "value"));
                case "/rm" -> current.delete(path);
                case "/chmod" -> current.setPerms(path, permissions(required(request, "perms")));
                default -> {
                    Replies.refuse(response, HttpServletResponse.SC_NOT_FOUND, "no such operation: " + operation);
                    return;
                }
            }
            Replies.send(response, HttpServletResponse.SC_OK, "{\"ok\":true}");
        } catch (XenStoreException e) {
            Replies.refuse(response, status(e), e.describe());
        } catch (IllegalArgumentException e) {
            Replies.refuse(response, HttpServletResponse.SC_BAD_REQUEST, "EINVAL: " + e.getMessage());
        }
    }

    private static void export(HttpServletRequest request, HttpServletResponse response, XenStore store)
            throws IOException {
        String top = required(request, "path");
        String format = request.getParameter("format");
        if (format == null || "ls".equals(format)) {
            String text = SubtreeExport.asXenstoreLs(top, SubtreeExport.read(store, top));
            response.setContentType("text/plain;charset=UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.getWriter().write(text);
        } else if ("json".equals(format)) {
            Replies.send(response, HttpServletResponse.SC_OK, SubtreeExport.asJson(SubtreeExport.read(store, top)));
        } else {
            throw new IllegalArgumentException("format must be ls or json: " + format);
        }
    }

    /** Parses permissions as xenstore:chmod takes them: separated by spaces, the owner first. */
    private static List<Permission> permissions(String perms) {
        List<Permission> list = Arrays.stream(perms.trim().split("\\s+")).filter(word -> !word.isEmpty())
                .map(Permission::parse).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("perms names no permission: the first names the owner");
        }
        return list;
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) {
            throw new IllegalArgumentException("the parameter " + name + " is missing");
        }
        return value;
    }

    private static int status(XenStoreException e) {
        return switch (String.valueOf(e.errorName())) {
            case "ENOENT" -> HttpServletResponse.SC_NOT_FOUND;
            case "EACCES", "EPERM" -> HttpServletResponse.SC_FORBIDDEN;
            case "EINVAL", "E2BIG" -> HttpServletResponse.SC_BAD_REQUEST;
            case "ETIMEDOUT" -> HttpServletResponse.SC_GATEWAY_TIMEOUT;
            default -> HttpServletResponse.SC_BAD_GATEWAY;
        };
    }
}
