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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.management.XenStoreMBean;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What jconsole shows of the MBean, and what it answers before any connection. */
class XenStoreMBeanImplTest {
    private XenStoreConnector connector;
    private XenStoreMBeanImpl mbean;

    @BeforeEach
    void create() throws Exception {
        connector = UnstartedConnector.create();
        mbean = new XenStoreMBeanImpl(connector, () -> null);
    }

    @AfterEach
    void close() {
        connector.close();
    }

    @Test
    void operationsThatOnlyReadAreInfoControlIsActionInfoAndTheRestAction() {
        Set<String> reading = Set.of("read", "ls", "list", "exists", "getPerms", "getDomainPath", "isDomainIntroduced",
                "quota", "domainQuota", "access", "accessAsTarget", "traceJsonLines", "traceLines");
        for (MBeanOperationInfo operation : mbean.getMBeanInfo().getOperations()) {
            int expected = reading.contains(operation.getName()) ? MBeanOperationInfo.INFO
                    : operation.getName().equals("control") ? MBeanOperationInfo.ACTION_INFO : MBeanOperationInfo.ACTION;
            assertEquals(expected, operation.getImpact(), operation.getName());
        }
    }

    @Test
    void everyOperationHasItsOwnDescriptionAndNamedDescribedParameters() {
        MBeanInfo info = mbean.getMBeanInfo();
        assertEquals(MBeanDescriptions.MBEAN, info.getDescription());
        Set<String> descriptions = new HashSet<>();
        for (MBeanOperationInfo operation : info.getOperations()) {
            MBeanDescriptions.Operation described = MBeanDescriptions.OPERATIONS.get(operation.getName());
            assertNotNull(described, "no description for the operation " + operation.getName());
            assertEquals(described.description(), operation.getDescription());
            assertTrue(descriptions.add(operation.getDescription()), "shared description: " + operation.getName());
            MBeanParameterInfo[] parameters = operation.getSignature();
            assertEquals(described.parameters().size(), parameters.length, operation.getName() + "'s parameters");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < parameters.length; i++) {
                assertEquals(described.parameters().get(i).name(), parameters[i].getName());
                assertEquals(described.parameters().get(i).description(), parameters[i].getDescription());
                assertTrue(names.add(parameters[i].getName()), "two parameters named alike in " + operation.getName());
            }
        }
        assertEquals(MBeanDescriptions.OPERATIONS.keySet(),
                Arrays.stream(info.getOperations()).map(MBeanOperationInfo::getName).collect(java.util.stream.Collectors.toSet()),
                "descriptions of operations the MBean does not have");
    }

    @Test
    void everyAttributeHasItsOwnDescription() {
        MBeanAttributeInfo[] attributes = mbean.getMBeanInfo().getAttributes();
        Set<String> descriptions = new HashSet<>();
        for (MBeanAttributeInfo attribute : attributes) {
            assertEquals(MBeanDescriptions.ATTRIBUTES.get(attribute.getName()), attribute.getDescription(),
                    attribute.getName());
            assertTrue(descriptions.add(attribute.getDescription()), "shared description: " + attribute.getName());
        }
        assertEquals(MBeanDescriptions.ATTRIBUTES.size(), attributes.length);
    }

    @Test
    void lsReturnsATableWhoseTypeJconsoleCanShow() throws Exception {
        MBeanOperationInfo ls = Arrays.stream(mbean.getMBeanInfo().getOperations())
                .filter(operation -> operation.getName().equals("ls")).findFirst().orElseThrow();
        assertEquals(TabularData.class.getName(), ls.getReturnType());
    }

    @Test
    void theTraceIsOffAndEmptyBeforeAnyConnection() {
        assertFalse(mbean.isTracing());
        assertEquals(0, mbean.getTraceDropped());
        assertEquals("", mbean.traceJsonLines(0));
        assertEquals(0, mbean.traceLines(0).length);
    }

    @Test
    void beforeAnyConnectionItSaysSoAndOperationsFailWithTheReason() {
        assertFalse(mbean.isConnected());
        assertEquals("not connected yet", mbean.getLastConnectionError());
        assertEquals(0, mbean.getRequestsSent());
        assertEquals(List.of(), List.of(mbean.getWatches()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mbean.read("/x"));
        assertEquals("ENOTCONN: not connected to the XenStore daemon", e.getMessage());
        IllegalStateException watch = assertThrows(IllegalStateException.class, () -> mbean.watch("/x"));
        assertTrue(watch.getMessage().contains("EventAdmin"), watch.getMessage());
    }

    @Test
    void theObjectNameFollowsKarafsWithTheContainersName() throws Exception {
        assertEquals("io.jxs:type=XenStore,name=root", XenStoreMBeanImpl.objectName(null));
        assertEquals("io.jxs:type=XenStore,name=root", XenStoreMBeanImpl.objectName(" "));
        assertEquals("io.jxs:type=XenStore,name=node-1", XenStoreMBeanImpl.objectName("node-1"));
        ObjectName odd = new ObjectName(XenStoreMBeanImpl.objectName("a,b=c"));
        assertEquals("a,b=c", ObjectName.unquote(odd.getKeyProperty("name")));
        assertEquals("XenStore", odd.getKeyProperty("type"));
        assertTrue(XenStoreMBeanImpl.objectName("x").startsWith(XenStoreMBean.OBJECT_NAME_PREFIX));
    }
}
