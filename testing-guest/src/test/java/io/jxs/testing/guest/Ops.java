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

/** XenStore message types (xs_wire.h), as raw numbers: the differential sends some the client would refuse. */
final class Ops {

    static final int CONTROL = 0;
    static final int DIRECTORY = 1;
    static final int READ = 2;
    static final int GET_PERMS = 3;
    static final int WATCH = 4;
    static final int UNWATCH = 5;
    static final int TRANSACTION_START = 6;
    static final int TRANSACTION_END = 7;
    static final int INTRODUCE = 8;
    static final int RELEASE = 9;
    static final int GET_DOMAIN_PATH = 10;
    static final int WRITE = 11;
    static final int MKDIR = 12;
    static final int RM = 13;
    static final int SET_PERMS = 14;
    static final int WATCH_EVENT = 15;
    static final int ERROR = 16;
    static final int IS_DOMAIN_INTRODUCED = 17;
    static final int RESUME = 18;
    static final int SET_TARGET = 19;
    static final int RESET_WATCHES = 21;
    static final int DIRECTORY_PART = 22;

    private static final String[] NAMES = {"CONTROL", "DIRECTORY", "READ", "GET_PERMS", "WATCH", "UNWATCH",
        "TRANSACTION_START", "TRANSACTION_END", "INTRODUCE", "RELEASE", "GET_DOMAIN_PATH", "WRITE", "MKDIR", "RM",
        "SET_PERMS", "WATCH_EVENT", "ERROR", "IS_DOMAIN_INTRODUCED", "RESUME", "SET_TARGET", "20", "RESET_WATCHES",
        "DIRECTORY_PART"};

    private Ops() {
    }

    static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : Integer.toString(type);
    }
}
