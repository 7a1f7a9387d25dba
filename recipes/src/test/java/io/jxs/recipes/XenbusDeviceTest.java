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
package io.jxs.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.InvalidPathException;
import io.jxs.recipes.XenbusDevice.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XenbusDeviceTest {

    @Test
    void aDeviceOfDomainZeroHasTheToolstacksPaths() {
        XenbusDevice vif = XenbusDevice.of(5, "vif", 0);
        assertEquals("/local/domain/5/device/vif/0", vif.path(Side.FRONTEND));
        assertEquals("/local/domain/0/backend/vif/5/0", vif.path(Side.BACKEND));
        assertEquals("/local/domain/5/device/vif/0/state", vif.statePath(Side.FRONTEND));
        assertEquals("/local/domain/0/backend/vif/5/0/state", vif.statePath(Side.BACKEND));
        assertEquals("vif 0 of domain 5", vif.toString());
    }

    @Test
    void aDriverDomainHoldsTheBackEnd() {
        XenbusDevice vbd = XenbusDevice.of(7, "vbd", 51712, 3);
        assertEquals("/local/domain/7/device/vbd/51712", vbd.path(Side.FRONTEND));
        assertEquals("/local/domain/3/backend/vbd/7/51712", vbd.path(Side.BACKEND));
    }

    @Test
    void anyTwoDirectoriesMakeADevice() {
        XenbusDevice qdisk = XenbusDevice.of("/local/domain/7/device/vbd/768", "/local/domain/0/backend/qdisk/7/768");
        assertEquals("/local/domain/0/backend/qdisk/7/768/state", qdisk.statePath(Side.BACKEND));
        assertEquals(qdisk, XenbusDevice.of("/local/domain/7/device/vbd/768", "/local/domain/0/backend/qdisk/7/768"));
        assertNotEquals(qdisk, XenbusDevice.of(7, "vbd", 768));
    }

    @Test
    void theSidesAreEachOthersOther() {
        assertEquals(Side.BACKEND, Side.FRONTEND.other());
        assertEquals(Side.FRONTEND, Side.BACKEND.other());
        assertEquals("front-end", Side.FRONTEND.toString());
    }

    @Test
    void domainIdsOutOfRangeAreRefused() {
        assertEquals("domain id out of range 0..65535: -1",
                assertThrows(IllegalArgumentException.class, () -> XenbusDevice.of(-1, "vif", 0)).getMessage());
        assertEquals("back-end domain id out of range 0..65535: 65536",
                assertThrows(IllegalArgumentException.class, () -> XenbusDevice.of(1, "vif", 0, 65536)).getMessage());
        assertEquals("device id must not be negative: -2",
                assertThrows(IllegalArgumentException.class, () -> XenbusDevice.of(1, "vif", -2)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "vif/0", "v f", "vif@"})
    void aDeviceClassIsOnePathComponent(String deviceClass) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XenbusDevice.of(1, deviceClass, 0));
        assertTrue(e.getMessage().startsWith("device class must be one path component"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local/domain/1/device/vif/0", "/", "/local/domain/1/device/vif/0/", "/local//domain",
            "/local/domain/1/device/v f"})
    void badDirectoriesAreRefusedByName(String path) {
        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> XenbusDevice.of(path, "/local/domain/0/backend/vif/1/0"));
        assertTrue(e.getMessage().startsWith("invalid front-end path '" + path + "'"), e.getMessage());
        e = assertThrows(InvalidPathException.class, () -> XenbusDevice.of("/local/domain/1/device/vif/0", path));
        assertTrue(e.getMessage().startsWith("invalid back-end path '" + path + "'"), e.getMessage());
    }
}
