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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per store kind ({@link StoreKind}), with the kind in its display name, against one store
 * per kind shared by the tests of the class. Its parameters may be:
 * <ul>
 * <li>{@code @Guest(N) XenStore} or {@code @Guest(N) Client}: the client that is guest domain N;</li>
 * <li>{@code @Guest(N) GuestDomain}: the guest fixture (its router and ring);</li>
 * <li>{@code XenStore} or {@code Client} without {@code @Guest}: a dom0 (privileged) client;</li>
 * <li>{@link GuestStore}: the invocation's store, to start or create more domains during the test;</li>
 * <li>{@link StoreKind}: which store this invocation runs against;</li>
 * <li>{@code XenStoreDaemon}: the real daemon behind the store (not for {@link StoreKind#EMBEDDED});</li>
 * <li>{@code EmbeddedXenStore}: the embedded store (only for {@link StoreKind#EMBEDDED}).</li>
 * </ul>
 *
 * <pre>{@code
 * @GuestTest
 * void writesItsHome(@Guest(5) XenStore guest, XenStore dom0) {
 *     guest.write("data/x", "1");
 *     assertEquals("1", dom0.readString("/local/domain/5/data/x"));
 * }
 * }</pre>
 *
 * A missing daemon fails the test when {@code CI=true} and skips it elsewhere, as {@code RequiredDaemon} does;
 * the embedded store is always there (one per test class, on a socket in a temporary folder).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(GuestExtension.class)
public @interface GuestTest {

    /**
     * The kinds to run against.
     *
     * @return all by default
     */
    StoreKind[] value() default {StoreKind.XENSTORED, StoreKind.OXENSTORED, StoreKind.EMBEDDED};
}
