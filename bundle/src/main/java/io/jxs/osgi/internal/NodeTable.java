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

import io.jxs.Permission;
import io.jxs.Sanitiser;
import io.jxs.management.XenStoreMBean;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/**
 * The table of {@link XenStoreMBean#ls(String)}: one row per node (path, value escaped as
 * {@code xenstore-ls} prints it, permissions as {@code xenstore-ls -p} prints them), in the order the
 * nodes were added, and at most a fixed number of them; a node offered beyond that adds, once, a last
 * row whose path is {@link XenStoreMBean#LS_TRUNCATED}. Not thread-safe.
 */
final class NodeTable {
    /** Item: the node's path. */
    static final String PATH = "path";
    /** Item: the node's value, escaped. */
    static final String VALUE = "value";
    /** Item: the node's permissions, the owner first, for example {@code n0,r5}. */
    static final String PERMISSIONS = "permissions";

    private static final String[] ITEMS = {PATH, VALUE, PERMISSIONS};
    private static final CompositeType ROW;
    private static final TabularType TYPE;

    static {
        try {
            ROW = new CompositeType("XenStoreNode", "A XenStore node, as xenstore-ls -p shows it", ITEMS,
                    new String[] {"The node's path", "The node's value, escaped as xenstore-ls prints it",
                        "The node's permissions, the owner first (n0,r5)"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING});
            TYPE = new TabularType("XenStoreSubtree", "The nodes of a XenStore subtree, parents first", ROW,
                    new String[] {PATH});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int limit;
    private final TabularDataSupport rows = new TabularDataSupport(TYPE);
    private boolean truncated;

    /**
     * Creates an empty table.
     *
     * @param limit the most nodes it holds
     * @throws IllegalArgumentException when the limit is below 1
     */
    NodeTable(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the row limit must be at least 1: " + limit);
        }
        this.limit = limit;
    }

    /**
     * Adds a node, unless the table is full; then it records, once, that the subtree was truncated.
     *
     * @param path the node's path
     * @param value its raw value
     * @param permissions its permissions, the owner first; empty when they could not be read
     * @return true when the node was added, false when the table is full and the caller may stop
     */
    boolean offer(String path, byte[] value, List<Permission> permissions) {
        if (rows.size() >= limit) {
            if (!truncated) {
                truncated = true;
                rows.put(row(XenStoreMBean.LS_TRUNCATED,
                        "truncated: the subtree has more than " + limit + " nodes; ls a deeper path", ""));
            }
            return false;
        }
        rows.put(row(path, Sanitiser.sanitise(value),
                permissions.stream().map(Permission::toString).collect(Collectors.joining(","))));
        return true;
    }

    /**
     * Tells whether a node was refused because the table was full.
     *
     * @return true when the last row says the subtree was truncated
     */
    boolean truncated() {
        return truncated;
    }

    /**
     * Returns the table.
     *
     * @return the rows, in the order they were added
     */
    TabularData data() {
        return rows;
    }

    private static CompositeDataSupport row(String path, String value, String permissions) {
        try {
            return new CompositeDataSupport(ROW, ITEMS, new Object[] {path, value, permissions});
        } catch (OpenDataException e) {
            throw new IllegalStateException("a row that does not fit its own type", e);
        }
    }
}
