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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The messages a connection has yet to write, replies and watch events in order, with the number of bytes they hold
 * (for back-pressure). Like C xenstored 4.17, a watch event is dropped while an identical one (same path and token,
 * not an {@code @} event) is still unsent, also a partly written one; the unsent events are indexed, so that check
 * costs one lookup whatever the backlog.
 */
final class OutputQueue {

    /**
     * A queued message; {@code event} is the event's key when it takes part in duplicate suppression, {@code request}
     * the domain's request it keeps outstanding (or null).
     */
    private record Message(ByteBuffer bytes, String event, OutstandingRequests.Request request) {
    }

    private final Deque<Message> messages = new ArrayDeque<>();
    private final Set<String> unsentEvents = new HashSet<>();
    private long bytes;

    /** Queues a reply (or an error reply). */
    void addReply(int type, int reqId, int txId, byte[] payload) {
        addReply(type, reqId, txId, payload, null);
    }

    /** Queues a reply that keeps {@code request} (or null) outstanding until it is written. */
    void addReply(int type, int reqId, int txId, byte[] payload, OutstandingRequests.Request request) {
        add(new Message(Wire.encode(type, reqId, txId, payload), null, request));
    }

    /**
     * Queues a watch event, unless an identical one is still unsent or it would exceed the payload limit (both
     * dropped by C as well).
     *
     * @return whether the event was queued
     */
    boolean addEvent(String path, String token) {
        return addEvent(path, token, null);
    }

    /**
     * Queues a watch event fired by {@code request} (or null), which stays outstanding until the event is written;
     * see {@link #addEvent(String, String)}.
     */
    boolean addEvent(String path, String token, OutstandingRequests.Request request) {
        if (path.length() + token.length() + 2 > Wire.PAYLOAD_MAX) {
            return false;
        }
        String key = null;
        if (!path.startsWith("@")) {
            key = path + '\0' + token;
            if (!unsentEvents.add(key)) {
                return false;
            }
        }
        add(new Message(Wire.encode(Wire.WATCH_EVENT, 0, 0, Wire.strings(List.of(path, token))), key, request));
        return true;
    }

    private void add(Message message) {
        messages.add(message);
        bytes += message.bytes().capacity();
        if (message.request() != null) {
            message.request().queued();
        }
    }

    /** Bytes queued, counting a partly written message whole. */
    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * Writes as much as the channel takes.
     *
     * @return true when everything was written
     * @throws IOException when the channel fails (the client is gone)
     */
    boolean writeTo(WritableByteChannel channel) throws IOException {
        while (!messages.isEmpty()) {
            Message next = messages.peek();
            channel.write(next.bytes());
            if (next.bytes().hasRemaining()) {
                return false;
            }
            messages.poll();
            bytes -= next.bytes().capacity();
            if (next.event() != null) {
                unsentEvents.remove(next.event());
            }
            if (next.request() != null) {
                next.request().written();
            }
        }
        return true;
    }

    /** Forgets everything queued (the connection is closed). */
    void clear() {
        for (Message message : messages) {
            if (message.request() != null) {
                message.request().written();
            }
        }
        messages.clear();
        unsentEvents.clear();
        bytes = 0;
    }
}
