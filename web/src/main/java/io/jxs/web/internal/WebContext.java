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
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The page's servlet context, {@code /jxs}: every request logs in to Karaf's JAAS realm {@code karaf} with HTTP
 * Basic credentials and needs the {@code viewer} or {@code admin} role; the {@link WebUser} it becomes is a
 * request attribute for the servlets. Its resources are this bundle's.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = WebContext.NAME, path = "/jxs")
public class WebContext extends ServletContextHelper {
    /** The context's name, which the page's servlets and resources select. */
    static final String NAME = "io.jxs.web";
    /** The filter that selects this context. */
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
    private static final String REALM = "karaf";
    private static final CsrfTokens TOKENS = new CsrfTokens();

    /**
     * Serves this bundle's resources.
     *
     * @param context the bundle's context
     */
    @Activate
    public WebContext(BundleContext context) {
        super(context.getBundle());
    }

    /**
     * Logs the request's user in, answering 401 without valid credentials and 403 without a role of the page.
     *
     * @param request the request
     * @param response the response
     * @return true when the user may go on
     * @throws IOException when the refusal cannot be sent
     */
    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String header = request.getHeader("Authorization");
        String[] credentials = header == null ? null : basic(header);
        Subject subject = credentials == null ? null : login(credentials[0], credentials[1]);
        if (subject == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"jxs\", charset=\"UTF-8\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return false;
        }
        Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream()
                .map(Principal::getName).collect(Collectors.toUnmodifiableSet());
        WebUser user = new WebUser(credentials[0], roles, TOKENS.tokenFor(credentials[0]));
        if (!user.viewer()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "the viewer or admin role is needed");
            return false;
        }
        request.setAttribute(WebUser.ATTRIBUTE, user);
        request.setAttribute(REMOTE_USER, user.name());
        request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
        return true;
    }

    /** The user and password of a Basic header, or null when it is not one. */
    private static String[] basic(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** Logs in to the realm; null when the realm refuses. */
    private static Subject login(String user, String password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JAAS loads the realm's login module (Karaf's ProxyLoginModule, on the boot class path) through this.
        thread.setContextClassLoader(RolePrincipal.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(REALM, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback secret) {
                        secret.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            login.login();
            return subject;
        } catch (LoginException e) {
            return null;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
