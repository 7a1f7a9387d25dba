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

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a failure describes itself to people: the daemon's word first, as the C tools say it. */
class XenStoreExceptionTest {

    @Test
    void theErrorWordComesFirst() {
        assertEquals("ENOENT: /local/domain/9", new XenStoreException("ENOENT", "/local/domain/9").describe());
    }

    @Test
    void aMessageThatStartsWithTheWordIsNotPrefixedTwice() {
        assertEquals("EACCES: /tool", new XenStoreException("EACCES", "EACCES: /tool").describe());
    }
}
