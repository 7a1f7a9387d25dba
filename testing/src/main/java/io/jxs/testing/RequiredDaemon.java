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
package io.jxs.testing;

import io.jxs.testing.XenStoreDaemon.Kind;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * JUnit 5 entry point for tests that need a real daemon: starts one when it is installed and otherwise
 * <em>fails</em> the test when the environment variable {@code CI} is {@code true} (CI must never silently
 * skip them) or <em>aborts</em> it (reported as skipped) on a developer machine, with a message saying how
 * to enable it.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(XenStoreDaemon.Kind.class)
 * void survivesRestart(XenStoreDaemon.Kind kind) {
 *     try (XenStoreDaemon daemon = RequiredDaemon.start(kind)) { ... }
 * }
 * }</pre>
 *
 * For a daemon shared by the tests of a class, see {@link XenStoreDaemonExtension}.
 */
public final class RequiredDaemon {

    private RequiredDaemon() {
    }

    /** Whether this is a CI run ({@code CI=true}), where missing daemons fail instead of skipping. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails (CI) or aborts (elsewhere) the current test unless {@code kind} can be started here. */
    public static void assumeAvailable(Kind kind) {
        XenStoreDaemon.unavailableReason(kind).ifPresent(reason -> unavailable(kind.binary() + " " + reason));
    }

    /**
     * The same rule for any other requirement of a test, e.g. {@code python3-pyxs}.
     *
     * @param present  whether the requirement is met
     * @param whatAndHow what is missing and how to install it, for the message
     */
    public static void require(boolean present, String whatAndHow) {
        if (!present) {
            unavailable(whatAndHow);
        }
    }

    /** {@link #assumeAvailable(Kind)}, then {@link XenStoreDaemon#start(Kind)}. Close the result. */
    public static XenStoreDaemon start(Kind kind) {
        assumeAvailable(kind);
        return XenStoreDaemon.start(kind);
    }

    /** {@link #assumeAvailable(Kind)}, then {@link XenStoreDaemon#start(Kind, Map)}. Close the result. */
    public static XenStoreDaemon start(Kind kind, Map<String, String> oxenstoredConfig) {
        assumeAvailable(kind);
        return XenStoreDaemon.start(kind, oxenstoredConfig);
    }

    private static void unavailable(String message) {
        if (isCi()) {
            Assertions.fail("CI=true and a real-daemon test cannot run: " + message);
        }
        Assumptions.abort("skipped, real daemon test: " + message);
    }
}
