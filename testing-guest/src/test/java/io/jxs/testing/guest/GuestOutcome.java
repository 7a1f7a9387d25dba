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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one step produced, comparable between stores: the reply (type, req_id, tx_id, payload; or that none came, or
 * that the store closed the connection), the watch events the issuing connection got before and after the reply,
 * and the events of every other connection, each list in the order the connection received it.
 */
record GuestOutcome(String reply, List<String> eventsBefore, List<String> eventsAfter, List<List<String>> others) {

    static final String NO_REPLY = "no reply";
    static final String CLOSED = "connection closed";

    static GuestOutcome of(String reply, List<RawConnection.Message> before, List<RawConnection.Message> after,
            List<List<RawConnection.Message>> others) {
        List<List<String>> otherEvents = new ArrayList<>();
        for (List<RawConnection.Message> messages : others) {
            otherEvents.add(events(messages));
        }
        return new GuestOutcome(reply, events(before), events(after), otherEvents);
    }

    static String reply(RawConnection.Message reply) {
        return Ops.name(reply.type()) + " rq=" + reply.reqId() + " tx=" + reply.txId() + " "
                + escape(reply.payload(), Integer.MAX_VALUE);
    }

    private static List<String> events(List<RawConnection.Message> messages) {
        List<String> out = new ArrayList<>();
        for (RawConnection.Message message : messages) {
            out.add((message.isEvent() ? "" : "UNEXPECTED " + Ops.name(message.type()) + " ")
                    + escape(message.payload(), Integer.MAX_VALUE));
        }
        return out;
    }

    static String escape(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < bytes.length; i++) {
            if (i >= max) {
                text.append("...(").append(bytes.length).append(" bytes)");
                break;
            }
            int b = bytes[i] & 0xff;
            if (b == 0) {
                text.append("\\0");
            } else if (b < 0x20 || b >= 0x7f || b == '"' || b == '\\') {
                text.append(String.format("\\x%02x", b));
            } else {
                text.append((char) b);
            }
        }
        return text.append('"').toString();
    }

    /**
     * The same outcome with the issuer's events before and after the reply taken together, as a multiset: C 4.17
     * queues a RELEASE's events sometimes before and sometimes after its reply.
     */
    GuestOutcome ignoringReplyPosition() {
        List<String> all = new ArrayList<>(eventsBefore);
        all.addAll(eventsAfter);
        Collections.sort(all);
        return new GuestOutcome(reply, all, List.of(), others);
    }

    @Override
    public String toString() {
        return "reply " + reply + "\n      events before reply " + eventsBefore + "\n      events after reply "
                + eventsAfter + "\n      other connections " + others;
    }
}
