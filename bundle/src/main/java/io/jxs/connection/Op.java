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
package io.jxs.connection;

/**
 * The XenStore message types of Xen 4.17's {@code xs_wire.h}, with their wire codes.
 */
public enum Op {
    /** Daemon control commands ({@code XS_CONTROL}, formerly {@code XS_DEBUG}). */
    CONTROL(0),
    /** List the children of a node. */
    DIRECTORY(1),
    /** Read a node's value. */
    READ(2),
    /** Read a node's permissions. */
    GET_PERMS(3),
    /** Register a watch. */
    WATCH(4),
    /** Remove a watch. */
    UNWATCH(5),
    /** Start a transaction. */
    TRANSACTION_START(6),
    /** Commit or abort a transaction. */
    TRANSACTION_END(7),
    /** Introduce a domain to the daemon. */
    INTRODUCE(8),
    /** Release a domain. */
    RELEASE(9),
    /** Ask for a domain's home path. */
    GET_DOMAIN_PATH(10),
    /** Write a node's value. */
    WRITE(11),
    /** Create a node. */
    MKDIR(12),
    /** Remove a node and its subtree. */
    RM(13),
    /** Replace a node's permissions. */
    SET_PERMS(14),
    /** A watch fired (daemon to client only). */
    WATCH_EVENT(15),
    /** An error reply (daemon to client only). */
    ERROR(16),
    /** Ask whether a domain is introduced. */
    IS_DOMAIN_INTRODUCED(17),
    /** Re-arm a domain's release event. */
    RESUME(18),
    /** Make a domain act for another one. */
    SET_TARGET(19),
    /** Drop all watches and transactions of the connection. */
    RESET_WATCHES(21),
    /** List part of a large directory. */
    DIRECTORY_PART(22),
    /** Guaranteed never to be a valid type. */
    INVALID(0xffff);

    private static final Op[] BY_CODE = new Op[DIRECTORY_PART.code + 1];

    static {
        for (Op op : values()) {
            if (op != INVALID) {
                BY_CODE[op.code] = op;
            }
        }
    }

    private final int code;

    Op(int code) {
        this.code = code;
    }

    /**
     * Returns the wire code of this message type.
     *
     * @return the code, as sent in the packet header
     */
    public int code() {
        return code;
    }

    /**
     * Returns the message type of a wire code.
     *
     * @param code the code from a packet header
     * @return the message type
     * @throws IllegalArgumentException when the code is not a message type of the protocol
     */
    public static Op fromCode(int code) {
        Op op = byCode(code);
        if (op == null) {
            throw new IllegalArgumentException("unknown XenStore operation code " + Integer.toUnsignedString(code));
        }
        return op;
    }

    /** Returns the message type of a wire code, or null when there is none. */
    static Op byCode(int code) {
        if (code >= 0 && code < BY_CODE.length) {
            return BY_CODE[code];
        }
        return code == INVALID.code ? INVALID : null;
    }
}
