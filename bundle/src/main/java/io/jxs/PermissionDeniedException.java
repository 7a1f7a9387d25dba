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
package io.jxs;

import io.jxs.connection.Op;

/**
 * The daemon refused a request for lack of permission: {@code EACCES} (the domain may not read, write or
 * own the node, or the operation is for dom0 only) or {@code EPERM} (C xenstored: an unprivileged domain
 * tried to give its node to another owner). {@link DomainAccess} explains what a domain may do on a path.
 */
public class PermissionDeniedException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    private final Op operation;
    private final String subject;

    /**
     * Creates the exception.
     *
     * @param errorName {@code EACCES} or {@code EPERM}, as the daemon sent it
     * @param operation the refused request's type
     * @param subject what it was about: a path, or for a domain operation {@code domain N}
     */
    public PermissionDeniedException(String errorName, Op operation, String subject) {
        super(errorName, errorName + ": " + operation + " " + subject + ": permission denied");
        this.operation = operation;
        this.subject = subject;
    }

    /**
     * Returns the type of the refused request.
     *
     * @return for example {@link Op#WRITE}
     */
    public Op operation() {
        return operation;
    }

    /**
     * Returns what the refused request was about.
     *
     * @return the path, or {@code domain N} for a domain operation
     */
    public String subject() {
        return subject;
    }
}
