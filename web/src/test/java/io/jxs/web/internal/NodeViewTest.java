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
package io.jxs.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Node;
import io.jxs.Permission;
import io.jxs.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeViewTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void markupInAValueArrivesAsEscapedJsonText() {
        NodeView view = new NodeView("/demo/x", bytes("<script>alert(1)</script>"),
                List.of(Permission.parse("n0")), List.of());
        String json = view.toJson();
        assertFalse(json.contains("<"), json);
        assertTrue(json.contains("\"value\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\""), json);
        assertTrue(json.contains("\"binary\":false"), json);
    }

    @Test
    void controlBytesMakeAValueBinaryWithHexAndTheXenstoreLsEscapes() {
        NodeView view = new NodeView("/demo/b", new byte[] {'a', 1, (byte) 0xff, '\\'},
                List.of(Permission.parse("r5")), List.of());
        String json = view.toJson();
        assertTrue(json.contains("\"value\":null"), json);
        assertTrue(json.contains("\"binary\":true,\"hex\":\"6101ff5c\""), json);
        assertTrue(json.contains("\"escaped\":\"a\\\\001\\\\xff\\\\\\\\\""), json);
    }

    @Test
    void utf8TextIsTextButXenstoreLsEscapesItByteByByte() {
        assertEquals("é", ValueText.text(bytes("é")));
        assertEquals("\\xc3\\xa9", ValueText.escaped(bytes("é")));
        assertNull(ValueText.text(new byte[] {(byte) 0xc3}));
    }

    @Test
    void permissionsReadAsWordsOwnerFirst() {
        List<Permission> perms = List.of(Permission.parse("r5"), Permission.parse("b3"), Permission.parse("w7"),
                Permission.parse("n9"));
        assertEquals("owner dom5, others read, dom3 read and write, dom7 write, dom9 none",
                PermissionWords.describe(perms));
        assertThrows(IllegalArgumentException.class, () -> PermissionWords.describe(List.of()));
    }

    @Test
    void aStateNodeCarriesItsXenbusStateName() {
        NodeView state = new NodeView("/local/domain/0/backend/vif/5/0/state", bytes("4"),
                List.of(Permission.parse("n0")), List.of());
        assertEquals("Connected", state.stateName());
        assertTrue(state.toJson().contains("\"state\":\"Connected\""));
        assertNull(new NodeView("/x/state", bytes("banana"), List.of(), List.of()).stateName());
        assertNull(new NodeView("/x/name", bytes("4"), List.of(), List.of()).stateName());
    }

    @Test
    void aSubtreeCopiesAsXenstoreLsPrintsIt() {
        List<Node> nodes = List.of(new Node("/demo", bytes(""), List.of("a")),
                new Node("/demo/a", bytes("x\ty"), List.of("state")),
                new Node("/demo/a/state", bytes("4"), List.of()));
        assertEquals("a = \"x\\ty\"\n state = \"4\" (Connected)\n", SubtreeExport.asXenstoreLs("/demo", nodes));
        assertEquals("{\"/demo\":\"\",\n\"/demo/a\":\"x\\ty\",\n\"/demo/a/state\":\"4\"}",
                SubtreeExport.asJson(nodes));
    }

    @Test
    void aFloodBecomesOneReloadAndThenTheQueueWorksAgain() throws InterruptedException {
        ChangeQueue queue = new ChangeQueue(3);
        for (int i = 0; i < 20_000; i++) {
            queue.offer(new WatchEvent("/flood/" + i, "t"));
        }
        assertEquals(ChangeQueue.RELOAD, queue.take(1, TimeUnit.SECONDS));
        assertNull(queue.take(10, TimeUnit.MILLISECONDS));
        queue.offer(new WatchEvent("/after", "t"));
        assertEquals("/after", queue.take(1, TimeUnit.SECONDS));
    }

    @Test
    void aUserWritesOnlyWithTheirOwnToken() {
        CsrfTokens tokens = new CsrfTokens();
        WebUser admin = new WebUser("karaf", java.util.Set.of("admin"), tokens.tokenFor("karaf"));
        assertTrue(admin.carries(tokens.tokenFor("karaf")));
        assertFalse(admin.carries(tokens.tokenFor("viewer")));
        assertFalse(admin.carries(null));
        assertFalse(admin.carries(new CsrfTokens().tokenFor("karaf")));
        assertTrue(new WebUser("v", java.util.Set.of("viewer"), "t").viewer());
        assertFalse(new WebUser("v", java.util.Set.of("viewer"), "t").admin());
    }
}
