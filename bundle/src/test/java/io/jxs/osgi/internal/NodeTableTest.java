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
package io.jxs.osgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Permission;
import io.jxs.management.XenStoreMBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

class NodeTableTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> column(TabularData data, String item) {
        return data.values().stream().map(row -> (String) ((CompositeData) row).get(item)).toList();
    }

    @Test
    void rowsKeepTheirOrderAndShowValuesAndPermissionsAsXenstoreLsDoes() {
        NodeTable table = new NodeTable(10);
        assertTrue(table.offer("/a", bytes("x\ty"), List.of(Permission.parse("n0"), Permission.parse("r5"))));
        assertTrue(table.offer("/a/b", bytes(""), List.of()));
        TabularData data = table.data();
        assertEquals(List.of("/a", "/a/b"), column(data, NodeTable.PATH));
        assertEquals(List.of("x\\ty", ""), column(data, NodeTable.VALUE));
        assertEquals(List.of("n0,r5", ""), column(data, NodeTable.PERMISSIONS));
        assertFalse(table.truncated());
    }

    @Test
    void aFullTableRefusesNodesAndEndsWithOneTruncationRow() {
        NodeTable table = new NodeTable(2);
        assertTrue(table.offer("/1", bytes("1"), List.of()));
        assertTrue(table.offer("/2", bytes("2"), List.of()));
        assertFalse(table.offer("/3", bytes("3"), List.of()));
        assertFalse(table.offer("/4", bytes("4"), List.of()));
        assertTrue(table.truncated());
        List<String> paths = column(table.data(), NodeTable.PATH);
        assertEquals(List.of("/1", "/2", XenStoreMBean.LS_TRUNCATED), paths);
        String note = column(table.data(), NodeTable.VALUE).get(2);
        assertTrue(note.contains("more than 2 nodes"), note);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NodeTable(0));
        assertEquals("the row limit must be at least 1: 0", e.getMessage());
    }
}
