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
package io.jxs.embedded;

/** A request failed: the daemon answers with an ERROR message holding this errno word. */
final class ErrnoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String EINVAL = "EINVAL";
    static final String EEXIST = "EEXIST";
    static final String ENOENT = "ENOENT";
    static final String ENOSYS = "ENOSYS";
    static final String EBUSY = "EBUSY";
    static final String EAGAIN = "EAGAIN";
    static final String E2BIG = "E2BIG";
    static final String EIO = "EIO";
    static final String ENOMEM = "ENOMEM";
    static final String EACCES = "EACCES";
    static final String EPERM = "EPERM";
    static final String ENOSPC = "ENOSPC";

    private final String errno;

    ErrnoException(String errno) {
        super(errno, null, false, false);
        this.errno = errno;
    }

    /** The error word sent on the wire, e.g. {@code ENOENT}. */
    String errno() {
        return errno;
    }
}
