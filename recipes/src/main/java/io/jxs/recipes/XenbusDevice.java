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

import io.jxs.InvalidPathException;
import java.util.Objects;

/**
 * One XenBus device: the XenStore directories of its front-end (in the guest's home) and of its
 * back-end (in the driver domain's home), each with its {@code state} node.
 *
 * <pre>{@code
 * XenbusDevice vif = XenbusDevice.of(5, "vif", 0);
 * vif.path(Side.FRONTEND);   // /local/domain/5/device/vif/0
 * vif.path(Side.BACKEND);    // /local/domain/0/backend/vif/5/0
 * }</pre>
 */
public final class XenbusDevice {
    /** The largest domain id. */
    private static final int MAX_DOMID = 0xffff;

    /** The two ends of a device. */
    public enum Side {
        /** The guest's driver, under {@code /local/domain/GUEST/device}. */
        FRONTEND("front-end"),
        /** The driver domain's driver, under {@code /local/domain/DRIVER/backend}. */
        BACKEND("back-end");

        private final String description;

        Side(String description) {
            this.description = description;
        }

        /**
         * Returns the other end.
         *
         * @return {@code BACKEND} for {@code FRONTEND} and the reverse
         */
        public Side other() {
            return this == FRONTEND ? BACKEND : FRONTEND;
        }

        /**
         * Returns the side's name in messages.
         *
         * @return {@code front-end} or {@code back-end}
         */
        @Override
        public String toString() {
            return description;
        }
    }

    private final String frontend;
    private final String backend;
    private final String name;

    private XenbusDevice(String frontend, String backend, String name) {
        this.frontend = frontend;
        this.backend = backend;
        this.name = name;
    }

    /**
     * Returns a device whose back-end runs in domain 0, at the paths the Xen toolstack uses:
     * {@code /local/domain/DOMID/device/CLASS/ID} and {@code /local/domain/0/backend/CLASS/DOMID/ID}.
     *
     * @param domid the guest's domain id
     * @param deviceClass the device class, for example {@code vif} or {@code vbd}
     * @param deviceId the device's number within its class
     * @return the device
     * @throws IllegalArgumentException when a domain id is not 0..65535, the class is empty or not a
     *     single path component, or the device id is negative
     */
    public static XenbusDevice of(int domid, String deviceClass, int deviceId) {
        return of(domid, deviceClass, deviceId, 0);
    }

    /**
     * Returns a device whose back-end runs in a driver domain:
     * {@code /local/domain/DOMID/device/CLASS/ID} and
     * {@code /local/domain/BACKEND/backend/CLASS/DOMID/ID}.
     *
     * @param domid the guest's domain id
     * @param deviceClass the device class, for example {@code vif}
     * @param deviceId the device's number within its class
     * @param backendDomid the driver domain's id
     * @return the device
     * @throws IllegalArgumentException when a domain id is not 0..65535, the class is empty or not a
     *     single path component, or the device id is negative
     */
    public static XenbusDevice of(int domid, String deviceClass, int deviceId, int backendDomid) {
        checkDomid(domid, "domain id");
        checkDomid(backendDomid, "back-end domain id");
        Objects.requireNonNull(deviceClass, "deviceClass");
        if (deviceClass.isEmpty() || !deviceClass.chars().allMatch(XenbusDevice::isNameChar)) {
            throw new IllegalArgumentException("device class must be one path component of letters, digits, '-' and '_': '"
                    + deviceClass + "'");
        }
        if (deviceId < 0) {
            throw new IllegalArgumentException("device id must not be negative: " + deviceId);
        }
        return new XenbusDevice("/local/domain/" + domid + "/device/" + deviceClass + "/" + deviceId,
                "/local/domain/" + backendDomid + "/backend/" + deviceClass + "/" + domid + "/" + deviceId,
                deviceClass + " " + deviceId + " of domain " + domid);
    }

    /**
     * Returns a device at the given directories, for layouts the other factories do not cover (a
     * {@code qdisk} back-end serving a {@code vbd} front-end, for example).
     *
     * @param frontendPath the front-end's directory
     * @param backendPath the back-end's directory
     * @return the device
     * @throws InvalidPathException when a path is not absolute, is the root, ends with or doubles a
     *     {@code /}, or holds characters other than letters, digits and {@code -/_@}
     */
    public static XenbusDevice of(String frontendPath, String backendPath) {
        checkPath(frontendPath, "front-end");
        checkPath(backendPath, "back-end");
        return new XenbusDevice(frontendPath, backendPath, "device " + frontendPath);
    }

    /**
     * Returns the directory of one side.
     *
     * @param side the side
     * @return for example {@code /local/domain/5/device/vif/0}
     */
    public String path(Side side) {
        return Objects.requireNonNull(side, "side") == Side.FRONTEND ? frontend : backend;
    }

    /**
     * Returns the {@code state} node of one side.
     *
     * @param side the side
     * @return for example {@code /local/domain/5/device/vif/0/state}
     */
    public String statePath(Side side) {
        return path(side) + "/state";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XenbusDevice d && frontend.equals(d.frontend) && backend.equals(d.backend);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frontend, backend);
    }

    /**
     * Returns the device's name in messages.
     *
     * @return for example {@code vif 0 of domain 5}
     */
    @Override
    public String toString() {
        return name;
    }

    private static void checkDomid(int domid, String what) {
        if (domid < 0 || domid > MAX_DOMID) {
            throw new IllegalArgumentException(what + " out of range 0.." + MAX_DOMID + ": " + domid);
        }
    }

    private static void checkPath(String path, String side) {
        Objects.requireNonNull(path, side + " path");
        String problem = null;
        if (!path.startsWith("/") || path.length() == 1) {
            problem = "must be absolute and below the root";
        } else if (path.endsWith("/") || path.contains("//")) {
            problem = "must not end with or double a '/'";
        } else if (!path.chars().allMatch(c -> c == '/' || c == '@' || isNameChar(c))) {
            problem = "may only hold letters, digits and -/_@";
        }
        if (problem != null) {
            throw new InvalidPathException("invalid " + side + " path '" + path + "': it " + problem);
        }
    }

    private static boolean isNameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
