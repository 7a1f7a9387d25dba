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

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The answers of the page's API: JSON bodies, never cached or sniffed, a refusal as {@code {"error": "..."}} with the
 * shell's words, and the one gate every change passes (the admin role and the user's CSRF token).
 */
final class Replies {
    private Replies() {
    }

    /**
     * Refuses a change unless the request's user has the admin role and carries their CSRF token in the
     * {@value WebUser#CSRF_HEADER} header; a refusal is answered 403 here.
     *
     * @param request the request, with its {@link WebUser} attribute
     * @param response where a refusal goes
     * @return true when the change was refused and answered
     * @throws IOException when the refusal cannot be sent
     */
    static boolean refusedChange(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebUser user = (WebUser) request.getAttribute(WebUser.ATTRIBUTE);
        if (!user.admin()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "EACCES: the admin role is needed to change XenStore");
            return true;
        }
        if (!user.carries(request.getHeader(WebUser.CSRF_HEADER))) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "EACCES: a change needs the page's token in the " + WebUser.CSRF_HEADER + " header");
            return true;
        }
        return false;
    }

    /**
     * Answers with an error object.
     *
     * @param response the response
     * @param status the HTTP status
     * @param error the error's words, such as {@code ENOENT: /x}
     * @throws IOException when it cannot be sent
     */
    static void refuse(HttpServletResponse response, int status, String error) throws IOException {
        send(response, status, "{\"error\":" + Json.quote(error) + "}");
    }

    /**
     * Answers with a JSON body.
     *
     * @param response the response
     * @param status the HTTP status
     * @param json the body
     * @throws IOException when it cannot be sent
     */
    static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(json);
    }
}
