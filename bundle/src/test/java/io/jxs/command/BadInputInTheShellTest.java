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
package io.jxs.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxs.Client;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input in the shell: each command says what is wrong in the library's words, prefixed with the
 * error word ({@code EINVAL}, {@code E2BIG}), before anything is sent (the client here has no daemon to send to). The rows of the
 * README's bad-input table, through the shell.
 */
class BadInputInTheShellTest {
    private static final Client NOWHERE = Client.unixSocket("/nonexistent/jxs/socket");

    @AfterEach
    void close() {
        NOWHERE.close();
    }

    private static Arguments row(String command, Supplier<XenStoreCommandSupport> action, String message) {
        return Arguments.of(command, action, message);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                row("xenstore:write /a//b v", () -> write("/a//b", "v"), "EINVAL: path '/a//b' contains '//'"),
                row("xenstore:write '/a b' v", () -> write("/a b", "v"), "EINVAL: invalid character U+0020 at 2 in path '/a b'"),
                row("xenstore:write /a <5000 bytes>", () -> write("/a", "x".repeat(5000)),
                        "E2BIG: WRITE payload of 5003 bytes exceeds the maximum of 4096 bytes"),
                row("xenstore:rm /a/", () -> {
                    RmCommand rm = new RmCommand();
                    rm.path = "/a/";
                    return rm;
                }, "EINVAL: path '/a/' ends with '/'"),
                row("xenstore:mkdir ''", () -> {
                    MkdirCommand mkdir = new MkdirCommand();
                    mkdir.path = "";
                    return mkdir;
                }, "EINVAL: path is empty"),
                row("xenstore:chmod /a x5", () -> {
                    ChmodCommand chmod = new ChmodCommand();
                    chmod.path = "/a";
                    chmod.perms = List.of("x5");
                    return chmod;
                }, "EINVAL: "),
                row("xenstore:domain-path -1", () -> {
                    DomainPathCommand path = new DomainPathCommand();
                    path.domid = -1;
                    return path;
                }, "EINVAL: domain id out of range 0..65535: -1"),
                row("xenstore:introduce 0 1 1", () -> {
                    IntroduceCommand introduce = new IntroduceCommand();
                    introduce.domid = 0;
                    introduce.mfn = 1;
                    introduce.eventChannel = 1;
                    return introduce;
                }, "EINVAL: domain 0 cannot be introduced"));
    }

    private static WriteCommand write(String path, String value) {
        WriteCommand write = new WriteCommand();
        write.path = path;
        write.value = value;
        return write;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedWithTheLibrarysWords(String command, Supplier<XenStoreCommandSupport> action, String message) {
        XenStoreCommandSupport support = action.get();
        support.store = NOWHERE;
        Exception e = assertThrows(Exception.class, support::execute);
        assertEquals(true, e.getMessage().startsWith(message), command + " said: " + e.getMessage());
        assertEquals(false, NOWHERE.isConnected());
    }
}
