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
package io.jxs.testing.guest;

import java.nio.charset.StandardCharsets;

/**
 * One request of a guest differential sequence: on which connection (0 is dom0, then one per domain of
 * {@link GuestSession#DOMAINS}), type, tx_id and raw payload. Type {@link #NEW_RING} is no request: the hypervisor
 * gives the connection's domain a fresh ring (or the embedded store's domain is created anew), as after a RELEASE,
 * and the connection speaks on it from its next step (after dom0's INTRODUCE).
 */
record GuestStep(int connection, int type, int txId, byte[] payload) {

    static final int NEW_RING = -1;

    static GuestStep of(int connection, int type, int txId, String payload) {
        return new GuestStep(connection, type, txId, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    static GuestStep of(int connection, int type, String payload) {
        return of(connection, type, 0, payload);
    }

    static GuestStep newRing(int connection) {
        return new GuestStep(connection, NEW_RING, 0, new byte[0]);
    }

    @Override
    public String toString() {
        return GuestSession.connectionName(connection) + " " + (type == NEW_RING ? "(new ring)" : Ops.name(type))
                + " tx=" + txId + " " + GuestOutcome.escape(payload, 120);
    }
}
