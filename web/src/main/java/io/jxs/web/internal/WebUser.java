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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Who asks, once Karaf's JAAS realm has logged them in: their name, their roles, and the token their writes must
 * carry (header {@link #CSRF_HEADER}), which the page reads from {@code /jxs/api/whoami}. A page of another site
 * cannot read it, and cannot send the header without the browser asking this site first.
 *
 * @param name the user name
 * @param roles the JAAS role names
 * @param csrfToken the token of this user
 */
record WebUser(String name, Set<String> roles, String csrfToken) {
    /** The request attribute that holds the user. */
    static final String ATTRIBUTE = WebUser.class.getName();
    /** The header a write carries the token in. */
    static final String CSRF_HEADER = "X-Jxs-Csrf";
    /** The role that may read. */
    static final String VIEWER = "viewer";
    /** The role that may write, remove and change permissions (and read). */
    static final String ADMIN = "admin";

    /**
     * Tells whether the user may write.
     *
     * @return true with the admin role
     */
    boolean admin() {
        return roles.contains(ADMIN);
    }

    /**
     * Tells whether the user may read.
     *
     * @return true with the viewer or the admin role
     */
    boolean viewer() {
        return roles.contains(VIEWER) || admin();
    }

    /**
     * Checks a write's token, in time independent of where it differs.
     *
     * @param token the header's value, or null
     * @return true when it is this user's token
     */
    boolean carries(String token) {
        return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                csrfToken.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the user as the JSON of {@code /jxs/api/whoami}.
     *
     * @return {@code {"user", "admin", "csrf"}}
     */
    String toJson() {
        return "{\"user\":" + Json.quote(name) + ",\"admin\":" + admin() + ",\"csrf\":" + Json.quote(csrfToken) + "}";
    }
}
