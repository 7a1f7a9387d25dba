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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one step produced, in a comparable form: the reply (type, req_id, tx_id, payload), the watch events the issuing
 * connection got before and after the reply, and the events of every other connection. Events are compared as
 * multisets (sorted), since the order of events of different watches may legitimately differ.
 */
record Outcome(String reply, List<String> eventsBefore, List<String> eventsAfter, List<List<String>> others) {

    private static final String[] NAMES = {"CONTROL", "DIRECTORY", "READ", "GET_PERMS", "WATCH", "UNWATCH",
        "TRANSACTION_START", "TRANSACTION_END", "INTRODUCE", "RELEASE", "GET_DOMAIN_PATH", "WRITE", "MKDIR", "RM",
        "SET_PERMS", "WATCH_EVENT", "ERROR", "IS_DOMAIN_INTRODUCED", "RESUME", "SET_TARGET", "20", "RESET_WATCHES",
        "DIRECTORY_PART"};

    static Outcome of(RawClient.Message reply, List<RawClient.Message> before, List<RawClient.Message> after,
            List<List<RawClient.Message>> others) {
        List<List<String>> otherEvents = new ArrayList<>();
        for (List<RawClient.Message> messages : others) {
            otherEvents.add(events(messages));
        }
        String replyText = reply == null ? "connection closed"
                : typeName(reply.type()) + " rq=" + reply.reqId() + " tx=" + reply.txId() + " "
                        + escape(reply.payload(), Integer.MAX_VALUE);
        return new Outcome(replyText, events(before), events(after), otherEvents);
    }

    /**
     * The outcome of a burst: each reply with the events the issuer got just before it (as a multiset), the issuer's
     * events after the last reply, and the other connections' events.
     */
    static Outcome ofBurst(List<RawClient.Message> replies, List<List<RawClient.Message>> eventsBefore,
            List<RawClient.Message> after, List<List<RawClient.Message>> others) {
        StringBuilder text = new StringBuilder("burst of ").append(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            RawClient.Message reply = replies.get(i);
            text.append("\n        #").append(i).append(' ').append(events(eventsBefore.get(i))).append(' ')
                    .append(reply == null ? "connection closed" : typeName(reply.type()) + " rq=" + reply.reqId()
                            + " tx=" + reply.txId() + " " + escape(reply.payload(), Integer.MAX_VALUE));
        }
        List<List<String>> otherEvents = new ArrayList<>();
        for (List<RawClient.Message> messages : others) {
            otherEvents.add(events(messages));
        }
        return new Outcome(text.toString(), List.of(), events(after), otherEvents);
    }

    private static List<String> events(List<RawClient.Message> messages) {
        List<String> out = new ArrayList<>();
        for (RawClient.Message message : messages) {
            out.add((message.isEvent() ? "" : "UNEXPECTED " + typeName(message.type()) + " ")
                    + escape(message.payload(), Integer.MAX_VALUE));
        }
        Collections.sort(out);
        return out;
    }

    /** The reply payload when it is a plain string reply (e.g. a transaction id), else null. */
    static String typeName(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : Integer.toString(type);
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

    /** The same outcome with the issuer's events before and after the reply taken together. */
    Outcome ignoringReplyPosition() {
        List<String> all = new ArrayList<>(eventsBefore);
        all.addAll(eventsAfter);
        Collections.sort(all);
        return new Outcome(reply, all, List.of(), others);
    }

    @Override
    public String toString() {
        return "reply " + reply + "\n      events before reply " + eventsBefore + "\n      events after reply "
                + eventsAfter + "\n      other connections " + others;
    }
}
