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

import java.nio.charset.StandardCharsets;

/** One request of a differential sequence: on which connection, type, tx_id and raw payload. */
record Step(int connection, int type, int txId, byte[] payload) {

    static Step of(int connection, int type, int txId, String payload) {
        return new Step(connection, type, txId, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String toString() {
        return "conn" + connection + " " + Outcome.typeName(type) + " tx=" + txId + " "
                + Outcome.escape(payload, 120);
    }
}
