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

/**
 * No reply came within the request timeout (error word {@code ETIMEDOUT}). The daemon may still carry
 * the request out; its late reply is dropped.
 */
public class XenStoreTimeoutException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was not answered, and the timeout
     */
    public XenStoreTimeoutException(String message) {
        super("ETIMEDOUT", message);
    }
}
